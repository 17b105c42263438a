package dev.tradepulse.runtime.internal;

import dev.tradepulse.chat.ChatControl;
import dev.tradepulse.chat.telegram.TelegramTransport;
import dev.tradepulse.health.CheckOptions;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.runtime.TradePulse;
import dev.tradepulse.runtime.chat.TradePulseCommands;
import dev.tradepulse.runtime.config.Config;
import dev.tradepulse.runtime.config.Secret;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chat control from {@code chat.*}: the Telegram long-poll transport with the built-in commands,
 * when {@code chat.telegram.token} is set. The Slack Socket Mode transport
 * ({@code chat.slack.SlackTransport}) is started here the same way, from {@code chat.slack.*},
 * sharing the one {@link ChatControl}, once it is merged.
 */
final class ChatWiring {

    private static final Logger LOG = LoggerFactory.getLogger(ChatWiring.class);

    private ChatWiring() {
    }

    /**
     * Starts the transport, or says in one line why chat control is off.
     *
     * @param tp the runtime, fully wired except for chat (the transport's thread starts here, after
     *     every field it reads was set)
     * @return the live transport, empty when chat control is off
     */
    static Optional<TelegramTransport> telegram(Config config, TradePulse tp, HealthRegistry health, Clock clock) {
        Optional<Secret> token = config.secret("chat.telegram.token");
        if (!config.bool("chat.telegram.enabled") || token.isEmpty()) {
            LOG.info("Chat control over Telegram is off: {}", token.isEmpty() ? "chat.telegram.token is not set"
                    : "chat.telegram.enabled is false");
            return Optional.empty();
        }
        ChatControl control = TradePulseCommands.control(tp).build();
        if (!control.hasAllowedUsers()) {
            LOG.warn("Chat control over Telegram is on but chat.users is empty: every command is refused (deny by default);"
                    + " add telegram:<user-id>:<role>");
        } else {
            LOG.info("Chat control over Telegram is on for {} allowed user(s)", config.list("chat.users").size());
        }
        URI api = URI.create(config.string("chat.telegram.api").orElseThrow());
        TelegramTransport t = TelegramTransport.builder(token.get().reveal(), control).api(api).clock(clock).build();
        try {
            health.register("chat-telegram", t.healthCheck(), CheckOptions.builder().nonCritical().build());
        } catch (RuntimeException | Error e) {
            t.close();
            throw e;
        }
        return Optional.of(t);
    }
}
