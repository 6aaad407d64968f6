package dev.conveyor.adapter.cli.process;

/**
 * How a value is made safe where a placeholder stands in a shell script: outside quotes it becomes one
 * single-quoted word; inside single or double quotes it is escaped for those quotes. So {@code cat {item}},
 * {@code cat "{item}"} and {@code cat '{item}'} all pass a file name with spaces or quotes intact.
 */
public enum ShellQuoting {
    /** Not in a shell script, or no quoting needed: the value as it is. */
    NONE {
        @Override
        String quote(String value) {
            return value;
        }
    },
    /** In a shell script, outside quotes. */
    BARE {
        @Override
        String quote(String value) {
            return "'" + value.replace("'", "'\\''") + "'";
        }
    },
    SINGLE {
        @Override
        String quote(String value) {
            return value.replace("'", "'\\''");
        }
    },
    DOUBLE {
        @Override
        String quote(String value) {
            StringBuilder out = new StringBuilder(value.length() + 8);
            for (char c : value.toCharArray()) {
                if (c == '"' || c == '\\' || c == '$' || c == '`') {
                    out.append('\\');
                }
                out.append(c);
            }
            return out.toString();
        }
    };

    abstract String quote(String value);

    /** Follows a shell script's quotes from left to right. */
    static final class Scanner {
        private ShellQuoting state = BARE;
        private boolean escaped;

        void scan(String literal) {
            for (char c : literal.toCharArray()) {
                if (escaped) {
                    escaped = false;
                    continue;
                }
                switch (state) {
                    case SINGLE -> state = c == '\'' ? BARE : SINGLE;
                    case DOUBLE -> {
                        if (c == '\\') {
                            escaped = true;
                        } else if (c == '"') {
                            state = BARE;
                        }
                    }
                    default -> {
                        if (c == '\\') {
                            escaped = true;
                        } else if (c == '\'') {
                            state = SINGLE;
                        } else if (c == '"') {
                            state = DOUBLE;
                        }
                    }
                }
            }
        }

        ShellQuoting state() {
            return state;
        }
    }
}
