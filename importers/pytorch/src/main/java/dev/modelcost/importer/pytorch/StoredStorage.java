package dev.modelcost.importer.pytorch;

/**
 * One storage as the container holds it: its pickled type and key, how many elements its record holds, and where its
 * bytes lie in the file ({@code offsetBytes}, {@code lengthBytes}).
 */
record StoredStorage(String key, String typeName, long elements, long offsetBytes, long lengthBytes) {}
