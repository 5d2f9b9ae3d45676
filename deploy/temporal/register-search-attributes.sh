#!/bin/sh
# Registers the back-office's custom search attributes once the namespace exists; safe to re-run.
# Reads TEMPORAL_ADDRESS and TEMPORAL_NAMESPACE, like the temporal CLI itself.
set -eu

namespace="${TEMPORAL_NAMESPACE:-default}"
attributes="CompanySiren:Keyword SubjectAccount:Keyword BusinessPhase:Keyword AwaitedRole:Keyword DueDate:Datetime"

tries=0
until temporal operator namespace describe --namespace "$namespace" >/dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -ge 90 ]; then
    echo "namespace $namespace not found on $TEMPORAL_ADDRESS after 3 minutes" >&2
    exit 1
  fi
  sleep 2
done

registered="$(temporal operator search-attribute list --namespace "$namespace")"
for attribute in $attributes; do
  name="${attribute%%:*}"
  type="${attribute#*:}"
  if printf '%s\n' "$registered" | grep -qw "$name"; then
    echo "$name already registered"
  else
    temporal operator search-attribute create --namespace "$namespace" --name "$name" --type "$type"
  fi
done
