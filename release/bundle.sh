#!/usr/bin/env bash
# Builds the Maven Central bundle of a release: target/central-bundle.zip, every published module's jar,
# sources, javadoc and POM with their checksums, in the repository layout the Central Portal's upload takes.
# Run it on a release version (no -SNAPSHOT). It publishes nothing; sign every file (gpg -ab, giving .asc)
# before uploading, as Central requires.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf target/central-bundle target/central-bundle.zip
./mvnw -B -Prelease deploy "$@"
cd target/central-bundle/repository
# Maven's own repository metadata is not part of a Central deployment.
find . -name 'maven-metadata.xml*' -delete
"${JAVA_HOME:+$JAVA_HOME/bin/}jar" --create --file ../../central-bundle.zip --no-manifest .
echo "target/central-bundle.zip:"
"${JAVA_HOME:+$JAVA_HOME/bin/}jar" --list --file ../../central-bundle.zip | grep -v '/$'
