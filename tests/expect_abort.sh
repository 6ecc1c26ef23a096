#!/bin/sh
# expect_abort.sh MESSAGE COMMAND [ARGS...]: COMMAND must die by SIGABRT (exit status 134 as the
# shell sees it; also under qemu-user, which re-raises the guest's signal) having printed MESSAGE
# on stderr. Used for rectify built with exceptions disabled (abort_on_error.cpp).
message=$1
shift
stderr=$("$@" 2>&1 >/dev/null)
status=$?
printf '%s\nexit status %s\n' "$stderr" "$status"
[ "$status" -eq 134 ] || { echo "expected death by SIGABRT (134)"; exit 1; }
printf '%s\n' "$stderr" | grep -qF -- "$message" || { echo "expected on stderr: $message"; exit 1; }
