package io.casegate.sandbox.odata;

/** The binary content of a file record, with the media type it was uploaded with. */
public record StoredFile(byte[] bytes, String mimeType) {}
