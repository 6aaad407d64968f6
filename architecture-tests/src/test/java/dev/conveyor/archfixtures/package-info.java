/**
 * Hand-made classes laid out like Conveyor's packages, for proving the architecture rules: under
 * {@code conforming} every rule passes, under {@code violating} each rule has classes that break it.
 * They are test classes, so the real architecture check never imports them.
 */
package dev.conveyor.archfixtures;
