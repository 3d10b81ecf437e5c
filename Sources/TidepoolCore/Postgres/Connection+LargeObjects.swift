import CLibPQ

extension Connection {
    /// lo_import: the client-side file into a new large object; its OID, or libpq's message.
    public func importLargeObject(file: String) -> Result<UInt32, ConnectionError> {
        let oid = lo_import(pg, file)
        guard oid != 0 else { return .failure(ConnectionError(.connectionLost, String(cString: PQerrorMessage(pg)))) }
        return .success(UInt32(oid))
    }

    /// lo_export: the large object into a client-side file.
    public func exportLargeObject(_ oid: UInt32, file: String) -> Result<Void, ConnectionError> {
        guard lo_export(pg, Oid(oid), file) == 1 else {
            return .failure(ConnectionError(.connectionLost, String(cString: PQerrorMessage(pg))))
        }
        return .success(())
    }

    /// lo_unlink: removes the large object.
    public func unlinkLargeObject(_ oid: UInt32) -> Result<Void, ConnectionError> {
        guard lo_unlink(pg, Oid(oid)) == 1 else {
            return .failure(ConnectionError(.connectionLost, String(cString: PQerrorMessage(pg))))
        }
        return .success(())
    }
}
