package dev.conveyor.core.store;

import dev.conveyor.core.support.RecordingStore;
import dev.conveyor.port.out.JobStore;

/**
 * The item lookup as a store without its own index answers it: the port's default, paging through the
 * listing. {@link RecordingStore} forwards every other call and leaves this one to the default.
 */
class DefaultItemLookupTest extends ItemLookupContract {

    @Override
    protected JobStore createStore() {
        return new RecordingStore(new InMemoryJobStore());
    }
}
