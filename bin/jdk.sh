# Sourced by the project's scripts: exports JAVA_HOME pointing to a JDK 25, and puts it first on PATH.
# Keeps JAVA_HOME when it already points to a JDK 25; otherwise finds one under /usr/lib/jvm.
jdk_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/javac" ] || [ "$(jdk_major "$JAVA_HOME")" != 25 ]; then
  JAVA_HOME=""
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk* /usr/lib/jvm/java-25-* /usr/lib/jvm/jdk-25* /opt/java/jdk-25*; do
    if [ -x "$candidate/bin/javac" ] && [ "$(jdk_major "$candidate")" = 25 ]; then JAVA_HOME="$candidate"; break; fi
  done
  if [ -z "$JAVA_HOME" ]; then
    echo "jitskit: no JDK 25 found; set JAVA_HOME to a JDK 25 (Temurin 25 is expected under /usr/lib/jvm)" >&2
    exit 2
  fi
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
if ! command -v mvn >/dev/null 2>&1; then
  echo "jitskit: Maven not found; installing it (apt-get install maven)" >&2
  (apt-get update -qq && apt-get install -y -qq maven) >&2 || { echo "jitskit: install Maven 3.8+ and retry" >&2; exit 2; }
fi
