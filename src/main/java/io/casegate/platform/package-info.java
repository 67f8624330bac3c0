/**
 * Plumbing every component may use and that knows no component: the clock, the data source and
 * its migrations, the one duration converter for configuration, the visitor's locale and the
 * message bundle ({@code Texts}), problem answers for the API, file contents and extensions, and
 * metrics behind Casegate's own interface ({@code platform.metrics}).
 * <p>
 * Owns no table (the schema history is Flyway's). Uses nothing of Casegate.
 */
package io.casegate.platform;
