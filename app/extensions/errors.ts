/*
 * Errors a plugin throws: they carry status and `E_*` code, and core's
 * exception handler renders them in DESIGN's error shape on every transport.
 */
export { AppException, ConflictException, NotFoundException } from '#exceptions/app_exception'
