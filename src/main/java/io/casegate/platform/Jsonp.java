package io.casegate.platform;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once. {@code Json.createObjectBuilder()} and its siblings look the
 * provider up on every call, which in Payara is a class-loader resource scan over the server's
 * jars: 7 % of Casegate's CPU per accepted submission in the benchmark's profile.
 */
public final class Jsonp {

    public static final JsonProvider JSON = JsonProvider.provider();

    private Jsonp() {}
}
