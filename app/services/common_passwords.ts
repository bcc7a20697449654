/**
 * The common-password check: about 49,000 passwords seen most often in
 * breaches (the `passwords-common` list of @zxcvbn-ts/language-common,
 * shipped with the package, so no network is needed). Loaded on first use,
 * so processes that never check a password (chatctl --help) do not pay.
 */
let passwords: Promise<Set<string>> | undefined

function commonPasswords() {
  passwords ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) => new Set(dictionary['passwords-common'])
  )
  return passwords
}

/** Whether `password` is on the list, compared case-insensitively (the list is lower case). */
export async function isCommonPassword(password: string) {
  const list = await commonPasswords()
  return list.has(password.toLowerCase())
}
