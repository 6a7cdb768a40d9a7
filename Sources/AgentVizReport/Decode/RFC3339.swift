/// RFC 3339 timestamps. PROVISIONAL: the decoder work replaces this file with the real parser.
public enum RFC3339 {}
