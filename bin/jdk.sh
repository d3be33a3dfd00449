# Sourced by the project's scripts: exports JAVA_HOME pointing to a JDK 25, and puts it first on PATH.
# Keeps JAVA_HOME when it already points to a JDK 25; otherwise looks where the common installers put one: the JDK on
# PATH, /usr/lib/jvm (Debian/Ubuntu packages), ~/.sdkman/candidates/java (SDKMAN), ~/.jdks (IntelliJ), /opt and
# /opt/java (tarballs), /Library/Java/JavaVirtualMachines (macOS installers and Homebrew casks).
jdk_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
is_jdk25() { [ -x "$1/bin/javac" ] && [ "$(jdk_major "$1")" = 25 ]; }
if [ -z "${JAVA_HOME:-}" ] || ! is_jdk25 "$JAVA_HOME"; then
  JAVA_HOME=""
  on_path=""
  if command -v javac >/dev/null 2>&1; then
    on_path="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
  fi
  for candidate in "$on_path" \
      /usr/lib/jvm/temurin-25-jdk* /usr/lib/jvm/java-25-* /usr/lib/jvm/jdk-25* /usr/lib/jvm/* \
      "$HOME"/.sdkman/candidates/java/25* "$HOME"/.sdkman/candidates/java/* \
      "$HOME"/.jdks/*25* "$HOME"/.jdks/* \
      /opt/java/jdk-25* /opt/jdk-25* /opt/java/* /opt/* \
      /Library/Java/JavaVirtualMachines/*25*/Contents/Home /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if [ -n "$candidate" ] && is_jdk25 "$candidate"; then JAVA_HOME="$candidate"; break; fi
  done
  if [ -z "$JAVA_HOME" ]; then
    # One sentence for the scripts and for plain 'mvn' (the enforcer rule in pom.xml), kept in pom.xml.
    sed -n 's:.*<jitskit.noJdkMessage>\(.*\)</jitskit.noJdkMessage>.*:\1:p' \
      "$(dirname "${BASH_SOURCE[0]}")/../pom.xml" >&2
    exit 2
  fi
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
if ! command -v mvn >/dev/null 2>&1; then
  echo "jitskit: Maven not found; installing it (apt-get install maven)" >&2
  (apt-get update -qq && apt-get install -y -qq maven) >&2 || { echo "jitskit: install Maven 3.8+ and retry" >&2; exit 2; }
fi
