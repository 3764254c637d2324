"""Cross-cutting pieces of the RPA library: config models, messages, errors, Japanese
text and dates, secrets, audit and logging."""
