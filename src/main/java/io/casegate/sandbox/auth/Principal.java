package io.casegate.sandbox.auth;

/** Who is calling: a forms-login session (CSRF-checked) or an OAuth bearer token (not). */
public sealed interface Principal permits Session, BearerToken {
}
