#!/bin/sh
# A stand-in for `claude -p --output-format json`: it acts in its working directory as an agent would (a note
# appended to the store's main class, the provider named in PROVIDER) and prints a recorded result.
# Usage: fake-agent.sh success|error|malformed|fail PROMPT
mode="$1"
here="$(dirname "$0")"
case "$mode" in
  success)
    store=$(find src -name 'JitStore.java' | head -n 1)
    if [ -z "$store" ] || [ ! -f TASK.md ]; then
      echo "fake agent: no seeded store or TASK.md in $(pwd)" >&2
      exit 2
    fi
    printf '\n// Reviewed by the fake agent: nothing to change.\n' >> "$store"
    cat "$here/claude-result.json"
    ;;
  error)
    cat "$here/claude-error.json"
    ;;
  malformed)
    printf '{"type": "result", "subtype": "success", "result": '
    ;;
  fail)
    echo "fake agent: API Error: 429 rate_limit_error" >&2
    exit 3
    ;;
  *)
    echo "fake agent: unknown mode $mode" >&2
    exit 64
    ;;
esac
