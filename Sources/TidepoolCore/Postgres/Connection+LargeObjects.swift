import CLibPQ

extension Connection {
    /// lo_import: the client-side file into a new large object; its OID, or libpq's message.
    public func importLargeObject(file: String) -> Result<UInt32, MessageError> {
        let oid = lo_import(pg, file)
        return oid != 0 ? .success(UInt32(oid)) : .failure(lastLibpqError())
    }

    /// lo_export: the large object into a client-side file.
    public func exportLargeObject(_ oid: UInt32, file: String) -> Result<Void, MessageError> {
        lo_export(pg, Oid(oid), file) == 1 ? .success(()) : .failure(lastLibpqError())
    }

    /// lo_unlink: removes the large object.
    public func unlinkLargeObject(_ oid: UInt32) -> Result<Void, MessageError> {
        lo_unlink(pg, Oid(oid)) == 1 ? .success(()) : .failure(lastLibpqError())
    }

    private func lastLibpqError() -> MessageError {
        MessageError(String(cString: PQerrorMessage(pg)))
    }
}
