package io.casegate.platform;

import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of a file, opened on demand: a visitor's upload, a stored attachment or a file on its
 * way to the CRM. Only the way to read them travels between components, never the bytes, so no
 * file is ever held whole in memory.
 */
@FunctionalInterface
public interface FileContent {

    /** A fresh stream from the first byte; the caller closes it. */
    InputStream open() throws IOException;
}
