#!/usr/bin/env bash
# Proves a test server real with tools independent of Strata's backends:
#
#   smoke.sh rgw [ENV]      curl --aws-sigv4: a bucket, an object put and read back, a wrong
#                           secret, an unknown key and an unsigned request refused
#   smoke.sh sshd [ENV]     sftp with the client key and the known host key: a file put and
#                           read back, a stranger's key refused
#   smoke.sh webdav [ENV]   curl: MKCOL, PUT, GET, PROPFIND, a wrong password refused; rclone
#                           reaches the strata-webdav and strata-local remotes of its config
#
# ENV is the server's env file; without it, the file named by STRATA_TEST_S3_ENV,
# STRATA_TEST_SFTP_ENV or STRATA_TEST_WEBDAV_ENV, as a test of the server sees it.
# Any failure exits non-zero.
set -euo pipefail

usage() {
  echo "usage: smoke.sh rgw|sshd|webdav [ENV]" >&2
  exit 2
}
(($# == 1 || $# == 2)) || usage
server=$1
case "$server" in
  rgw) variable=STRATA_TEST_S3_ENV ;;
  sshd) variable=STRATA_TEST_SFTP_ENV ;;
  webdav) variable=STRATA_TEST_WEBDAV_ENV ;;
  *) usage ;;
esac
env_file=${2:-${!variable:-}}
[ -n "$env_file" ] || { echo "smoke.sh: $variable is not set and no ENV was given" >&2; exit 1; }
[ -f "$env_file" ] || { echo "smoke.sh: no $env_file: the $server server did not start" >&2; exit 1; }
# shellcheck source=/dev/null
. "$env_file"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() {
  echo "smoke.sh $server: $*" >&2
  exit 1
}

# expect WHAT WANTED GOT
expect() {
  [ "$2" = "$3" ] || fail "$1: expected $2, got $3"
  echo "ok: $1"
}

smoke_rgw() {
  local endpoint=$STRATA_TEST_S3_ENDPOINT sigv4="aws:amz:$STRATA_TEST_S3_REGION:s3"
  local creds="$STRATA_TEST_S3_ACCESS_KEY:$STRATA_TEST_S3_SECRET_KEY"
  # s3 CREDENTIALS BODY-FILE CURL-ARGS...: one signed request; prints the HTTP status. curl 7.88
  # does not sign the payload, so its SHA-256 goes in x-amz-content-sha256 by hand.
  s3() {
    local creds=$1 body=$2
    shift 2
    curl -sS -o "$work/out" -w '%{http_code}' --aws-sigv4 "$sigv4" --user "$creds" \
      -H "x-amz-content-sha256: $(sha256sum <"$body" | cut -d' ' -f1)" "$@"
  }
  local bucket
  bucket=smoke-$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
  expect "create bucket $bucket" 200 "$(s3 "$creds" /dev/null -X PUT "$endpoint/$bucket")"
  head -c 100000 /dev/urandom >"$work/object"
  expect "put an object" 200 "$(s3 "$creds" "$work/object" -T "$work/object" "$endpoint/$bucket/dir/object")"
  expect "get it back" 200 "$(s3 "$creds" /dev/null "$endpoint/$bucket/dir/object")"
  cmp -s "$work/object" "$work/out" || fail "the object read back differs"
  expect "list the bucket" 200 "$(s3 "$creds" /dev/null "$endpoint/$bucket?list-type=2")"
  grep -q '<Key>dir/object</Key>' "$work/out" || fail "the listing lacks dir/object: $(cat "$work/out")"
  expect "the fixture's bucket $STRATA_TEST_S3_BUCKET" 200 \
    "$(s3 "$creds" /dev/null -I "$endpoint/$STRATA_TEST_S3_BUCKET")"

  expect "a wrong secret refused" 403 \
    "$(s3 "$STRATA_TEST_S3_ACCESS_KEY:wrong$STRATA_TEST_S3_SECRET_KEY" /dev/null "$endpoint/$bucket/dir/object")"
  grep -q '<Code>SignatureDoesNotMatch</Code>' "$work/out" || fail "no SignatureDoesNotMatch: $(cat "$work/out")"
  expect "an unsigned read refused" 403 \
    "$(curl -sS -o "$work/out" -w '%{http_code}' "$endpoint/$bucket/dir/object")"
  expect "an unknown key refused" 403 \
    "$(s3 "AKIASTRANGER:$STRATA_TEST_S3_SECRET_KEY" /dev/null "$endpoint/$bucket/dir/object")"
  grep -q '<Code>InvalidAccessKeyId</Code>' "$work/out" || fail "no InvalidAccessKeyId: $(cat "$work/out")"

  expect "delete the object" 204 "$(s3 "$creds" /dev/null -X DELETE "$endpoint/$bucket/dir/object")"
  expect "delete the bucket" 204 "$(s3 "$creds" /dev/null -X DELETE "$endpoint/$bucket")"
}

smoke_sshd() {
  local target="$STRATA_TEST_SFTP_USER@$STRATA_TEST_SFTP_HOST"
  local opts=(-P "$STRATA_TEST_SFTP_PORT" -o "UserKnownHostsFile=$STRATA_TEST_SFTP_KNOWN_HOSTS"
    -o StrictHostKeyChecking=yes -o BatchMode=yes -o IdentitiesOnly=yes -o ConnectTimeout=10)
  head -c 100000 /dev/urandom >"$work/file"
  sftp -b - -i "$STRATA_TEST_SFTP_KEY" "${opts[@]}" "$target" >"$work/log" 2>&1 <<EOF || fail "sftp failed: $(cat "$work/log")"
mkdir $STRATA_TEST_SFTP_ROOT/smoke
put $work/file $STRATA_TEST_SFTP_ROOT/smoke/file
get $STRATA_TEST_SFTP_ROOT/smoke/file $work/back
rm $STRATA_TEST_SFTP_ROOT/smoke/file
rmdir $STRATA_TEST_SFTP_ROOT/smoke
EOF
  cmp -s "$work/file" "$work/back" || fail "the file read back differs"
  echo "ok: put a file, got it back, removed it"
  [ ! -e "$STRATA_TEST_SFTP_ROOT/smoke" ] || fail "$STRATA_TEST_SFTP_ROOT/smoke is still there"

  ssh-keygen -q -t ed25519 -N '' -f "$work/stranger"
  if sftp -b - -i "$work/stranger" "${opts[@]}" "$target" </dev/null >"$work/log" 2>&1; then
    fail "a stranger's key was let in"
  fi
  grep -q 'Permission denied' "$work/log" || fail "a stranger's key: $(cat "$work/log")"
  echo "ok: a stranger's key refused"
}

smoke_webdav() {
  local url=$STRATA_TEST_WEBDAV_URL creds="$STRATA_TEST_WEBDAV_USER:$STRATA_TEST_WEBDAV_PASS"
  dav() {
    curl -sS -o "$work/out" -w '%{http_code}' "$@"
  }
  head -c 100000 /dev/urandom >"$work/file"
  expect "MKCOL smoke/" 201 "$(dav -u "$creds" -X MKCOL "${url}smoke/")"
  expect "PUT smoke/file" 201 "$(dav -u "$creds" -T "$work/file" "${url}smoke/file")"
  cmp -s "$work/file" "$STRATA_TEST_WEBDAV_ROOT/smoke/file" || fail "the file on disk differs"
  expect "GET smoke/file" 200 "$(dav -u "$creds" "${url}smoke/file")"
  cmp -s "$work/file" "$work/out" || fail "the file read back differs"
  expect "PROPFIND smoke/" 207 "$(dav -u "$creds" -X PROPFIND -H 'Depth: 1' "${url}smoke/")"
  grep -q 'smoke/file' "$work/out" || fail "the listing lacks smoke/file: $(cat "$work/out")"
  expect "a wrong password refused" 401 "$(dav -u "$STRATA_TEST_WEBDAV_USER:wrong" "${url}smoke/file")"
  expect "no password refused" 401 "$(dav "${url}smoke/file")"

  local rclone=(rclone --config "$STRATA_TEST_RCLONE_CONFIG" --cache-dir "$work/cache")
  [ "$("${rclone[@]}" lsf strata-webdav:smoke)" = file ] || fail "rclone strata-webdav: cannot list smoke/"
  echo "ok: rclone lists strata-webdav:smoke"
  "${rclone[@]}" copyto "$work/file" "strata-local:$work/copy" || fail "rclone strata-local: copy failed"
  cmp -s "$work/file" "$work/copy" || fail "rclone strata-local: the copy differs"
  echo "ok: rclone copies to strata-local:"
  expect "DELETE smoke/" 204 "$(dav -u "$creds" -X DELETE "${url}smoke/")"
}

"smoke_$server"
