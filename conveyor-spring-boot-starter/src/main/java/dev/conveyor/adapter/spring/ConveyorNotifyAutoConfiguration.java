package dev.conveyor.adapter.spring;

import dev.conveyor.adapter.notify.Notifier;
import dev.conveyor.adapter.notify.NotifyConfig;
import dev.conveyor.adapter.spring.ConveyorAutoConfiguration.ConveyorStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

import java.util.HashMap;
import java.util.Map;

/**
 * Notifications (review needed, ready, failed, stalled) delivered as signed webhooks and email, as the server sends
 * them: configured by {@code conveyor.notify.file} or {@code conveyor.notify.json} (the server's
 * {@code CONVEYOR_NOTIFY_FILE} and {@code CONVEYOR_NOTIFY_JSON}, which Spring binds there too), when the notification
 * adapter is on the class path. The notifier sends from the store's outbox; on PostgreSQL each notification is
 * written there with the transition it tells of, and any process may deliver it.
 * <p>
 * A composition root, like {@link ConveyorAutoConfiguration}: it wires the notification adapter to the engine's
 * store; the engine takes the notifier as one of its notification hooks.
 */
@AutoConfiguration
@ConditionalOnClass(Notifier.class)
@ConditionalOnProperty(prefix = "conveyor", name = "enabled", havingValue = "true", matchIfMissing = true)
@Conditional(ConveyorNotifyAutoConfiguration.Configured.class)
public class ConveyorNotifyAutoConfiguration {

    /** Creates the autoconfiguration; Spring calls it. */
    public ConveyorNotifyAutoConfiguration() {
    }

    /**
     * The notifier, delivering from the store's outbox.
     *
     * @param properties the {@code conveyor.*} settings
     * @param store      the engine's store: its outbox, and the jobs notifications tell of
     * @return the started notifier; the context closes it
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Notifier conveyorNotifier(ConveyorProperties properties, ConveyorStore store) {
        NotifyConfig config = config(properties.notifications(), System.getenv());
        return Notifier.builder(config, store.outbox(), store.jobs()).start();
    }

    /** The configuration the properties give, secrets read from {@code env}, as the server reads its own. */
    static NotifyConfig config(ConveyorProperties.Notify notify, Map<String, String> env) {
        Map<String, String> settings = new HashMap<>(env);
        settings.remove(NotifyConfig.FILE_VARIABLE);
        settings.remove(NotifyConfig.JSON_VARIABLE);
        if (notify.file() != null && !notify.file().isBlank()) {
            settings.put(NotifyConfig.FILE_VARIABLE, notify.file());
        }
        if (notify.json() != null && !notify.json().isBlank()) {
            settings.put(NotifyConfig.JSON_VARIABLE, notify.json());
        }
        try {
            return NotifyConfig.fromEnvironment(settings).orElseThrow(() -> new IllegalStateException(
                    "conveyor.notify: set file (a JSON file of notification settings) or json (the settings)"));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("conveyor.notify: " + e.getMessage(), e);
        }
    }

    /** Either setting names the notification configuration. */
    static final class Configured extends AnyNestedCondition {

        Configured() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty(prefix = "conveyor.notify", name = "file")
        static final class File {
        }

        @ConditionalOnProperty(prefix = "conveyor.notify", name = "json")
        static final class Json {
        }
    }
}
