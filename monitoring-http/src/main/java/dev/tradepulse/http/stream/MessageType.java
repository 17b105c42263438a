package dev.tradepulse.http.stream;

/**
 * The messages of the status stream's protocol (see {@code docs/streaming.md}), each with the
 * name it has on the wire: the upper-case names of the Crypto Pulse dashboard, and ROMA-01's
 * lower-case per-strategy {@code account_update} and {@code decision}.
 *
 * <p>Immutable and thread-safe.
 */
public enum MessageType {
    /** The whole status model, the body of {@code GET /status}: on connect and on {@link #REQUEST_SNAPSHOT}. */
    SNAPSHOT("SNAPSHOT"),
    /** The health section and the overall status, when health changed. */
    HEALTH_UPDATE("HEALTH_UPDATE"),
    /** The strategies section (every strategy's card), when a strategy's figures changed. */
    PERFORMANCE_UPDATE("PERFORMANCE_UPDATE"),
    /** A strategy's open positions changed: the event and the strategy's card. */
    PORTFOLIO_UPDATE("PORTFOLIO_UPDATE"),
    /** A trade was recorded: the event (figures need the token). */
    TRADE_ALERT("TRADE_ALERT"),
    /** An alert fired or resolved: the event and the alerts section. */
    SYSTEM_ALERT("SYSTEM_ALERT"),
    /** Another section's view changed: the section. */
    SECTION_UPDATE("SECTION_UPDATE"),
    /** One strategy's card changed (ROMA-01's per-agent account message). */
    ACCOUNT_UPDATE("account_update"),
    /** A strategy decided, was halted or was re-armed: the event and the strategy's card. */
    DECISION("decision"),
    /** The answer to a client's {@link #PING}. */
    PONG("PONG"),
    /** A client message the stream did not understand; the connection stays open. */
    ERROR("ERROR"),
    /** Client to server: send a {@link #SNAPSHOT} now. */
    REQUEST_SNAPSHOT("REQUEST_SNAPSHOT"),
    /** Client to server: answer with {@link #PONG}. */
    PING("PING");

    /** The protocol's version, the {@code v} of every server message. */
    public static final int PROTOCOL_VERSION = 1;

    /**
     * The WebSocket subprotocol the server accepts: {@value}. A client that offers subprotocols
     * must offer this one.
     */
    public static final String SUBPROTOCOL = "tradepulse.v1";

    /**
     * The prefix of the subprotocol that carries the bearer token from a browser, which cannot set
     * an {@code Authorization} header on a WebSocket: {@code bearer.} followed by the token's UTF-8
     * bytes in unpadded base64url. The server never selects it.
     */
    public static final String BEARER_SUBPROTOCOL_PREFIX = "bearer.";

    private final String wireName;

    MessageType(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The message's {@code type} on the wire.
     *
     * @return the name
     */
    public String wireName() {
        return wireName;
    }
}
