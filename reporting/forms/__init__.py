"""Forms: parse and validate input; messages in Bahasa Indonesia."""
