package dev.conveyor.adapter.cli.file;

/** A node with the path of field names that leads to it, for error messages: {@code steps[2].timeout}. */
record Located(String file, String path, Node node) {

    PipelineFileException problem(String message) {
        return new PipelineFileException(file, node.line(), path, message);
    }

    /** A field's value; an empty value, which has no line of its own, points at its key's line. */
    Located child(Node.Field field) {
        Node value = field.value();
        if (value instanceof Node.Scalar scalar && scalar.line() <= 0) {
            value = new Node.Scalar(scalar.value(), field.line());
        }
        return new Located(file, path.isEmpty() ? field.key() : path + "." + field.key(), value);
    }

    Located item(int index, Node item) {
        return new Located(file, path + "[" + index + "]", item);
    }
}
