package io.casegate.sandbox.http;

import jakarta.json.spi.JsonProvider;

/**
 * The sandbox's JSON-P provider, looked up once: {@code Json.createObjectBuilder()} looks it up on
 * every call (a class-loader resource scan in Payara), a cost on every request on top of the
 * latency the sandbox imitates. (The sandbox keeps its own, apart from the product's code.)
 */
public final class SandboxJson {

    public static final JsonProvider JSON = JsonProvider.provider();

    private SandboxJson() {}
}
