package dev.conveyor.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * Cuts the code into one slice per adapter ({@code <root>.adapter.<technology>..}, whichever technologies
 * exist) plus one for the demo pipelines, so a rule over these slices covers adapters that arrive later.
 */
record AdapterSlices(ConveyorLayout layout) implements SliceAssignment {

    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
        String pkg = javaClass.getPackageName();
        String adapterPrefix = layout.root() + ".adapter.";
        if (pkg.startsWith(adapterPrefix)) {
            String rest = pkg.substring(adapterPrefix.length());
            int dot = rest.indexOf('.');
            return SliceIdentifier.of("adapter " + (dot < 0 ? rest : rest.substring(0, dot)));
        }
        String demo = layout.root() + ".demo";
        if (pkg.equals(demo) || pkg.startsWith(demo + ".")) {
            return SliceIdentifier.of("demo");
        }
        return SliceIdentifier.ignore();
    }

    @Override
    public String getDescription() {
        return "adapters (" + layout.adapters() + " by technology) and demo pipelines (" + layout.demo() + ")";
    }
}
