#!/usr/bin/env bash
# Checks action.yml and every workflow in .github/workflows/ against GitHub's schemas with
# action-validator (@action-validator/cli, a dev dependency). Exits 1 when any file is invalid.
#
#   script/validate-workflows.sh [ROOT]    (ROOT: the repository to check, default this one)
#
# action-validator takes one file per run and picks the schema by the file's name: a name ending
# in action.yml / action.yaml is checked as an action, any other as a workflow, wherever it lives.
set -euo pipefail

project="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="$(cd "${1:-$project}" && pwd)"
# The installed validator itself: `npx --no-install` finds the same one, after half a second of
# starting npm, for every file.
validator="$project/node_modules/.bin/action-validator"
if [[ ! -x "$validator" ]]; then
  echo "action-validator is not installed: run npm ci" >&2
  exit 1
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

validate() {
  "$validator" "$1"
}

# The schema inside action-validator 0.6.0 (the latest release) predates `using: node24` and
# rejects it, although GitHub runs it. Check a copy that says node20 instead, so the rest of the
# file is still validated; any other `using` value is left alone and judged as written.
validate_action() {
  local copy="$scratch/action.yml"
  sed -E "s/^([[:space:]]*using:[[:space:]]*)(['\"]?)node24(['\"]?)[[:space:]]*$/\1\2node20\3/" \
    "$1" >"$copy"
  validate "$copy"
}

shopt -s nullglob
failed=0
checked=0
for action in "$root/action.yml" "$root/action.yaml"; do
  [[ -f "$action" ]] || continue
  checked=$((checked + 1))
  if validate_action "$action"; then echo "valid    ${action#"$root"/}"; else
    echo "INVALID  ${action#"$root"/}" >&2
    failed=1
  fi
done
for workflow in "$root"/.github/workflows/*.yml "$root"/.github/workflows/*.yaml; do
  checked=$((checked + 1))
  if validate "$workflow"; then echo "valid    ${workflow#"$root"/}"; else
    echo "INVALID  ${workflow#"$root"/}" >&2
    failed=1
  fi
done

if ((checked == 0)); then
  echo "No action.yml and no workflows found under $root" >&2
  exit 1
fi
exit "$failed"
