package dev.conveyor.core.store;

class InMemoryAuditLogTest extends AuditTrailContract {

    @Override
    protected Log createLog() {
        InMemoryAuditLog log = new InMemoryAuditLog();
        return new Log(log, log);
    }
}
