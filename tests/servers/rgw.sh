#!/usr/bin/env bash
# A throw-away single-node Ceph cluster with a RADOS Gateway on loopback: the S3 server of the
# tests (tests/servers/README.md).
#
#   rgw.sh start DIR   one mon, one osd on memstore, radosgw; writes DIR/env
#   rgw.sh stop DIR    kills what start started (from DIR/pids) and removes DIR
#
# Everything lives in DIR (configuration, data, logs, pid files, admin sockets), so runs never
# collide and /etc/ceph and /var/lib/ceph are never read or written. Only the daemons talk
# to each other without cephx; S3 requests are checked against their SigV4 signatures.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

# The cluster's data lives in the osd's memory, at about twice its size. memstore does not
# refuse writes past its device size (an osd near full blocks them: the tests would hang), so
# the S3 user's quota is what bounds it: writes past QUOTA_BYTES fail with QuotaExceeded.
MEMSTORE_BYTES=$((1024 * 1024 * 1024))
QUOTA_BYTES=$((512 * 1024 * 1024))
BUCKET=strata-test
# Nothing in the cluster is worth a clean shutdown (about 2 s a daemon, and memstore would
# write its contents to disk): stop kills.
STOP_SIGNAL=KILL

usage() {
  echo "usage: rgw.sh start|stop DIR" >&2
  exit 2
}
(($# == 2)) || usage
dir=$(state_dir "$2")
conf=$dir/ceph.conf

write_conf() {
  local mon_port=$1 rgw_port=$2
  cat >"$conf" <<EOF
[global]
fsid = $(python3 -c 'import uuid; print(uuid.uuid4())')
mon host = v2:127.0.0.1:$mon_port
public network = 127.0.0.1/32
public addr = 127.0.0.1
ms bind msgr1 = false
# Between the daemons only: no cephx, and crc rather than secure mode, which needs cephx.
# Daemons talk to the mon in secure mode only by default: radosgw retries forever (EACCES in
# its log) without the ms mon modes.
auth cluster required = none
auth service required = none
auth client required = none
ms cluster mode = crc
ms service mode = crc
ms client mode = crc
ms mon cluster mode = crc
ms mon service mode = crc
ms mon client mode = crc
run dir = $dir/run
admin socket = $dir/run/\$name.asok
pid file = $dir/run/\$name.pid
log file = $dir/log/\$name.log
keyring = $dir/keyring
crash dir = $dir/crash
exec dir = $dir/run
mon data = $dir/mon/\$name
osd data = $dir/osd/\$name
rgw data = $dir/rgw/\$name
# One osd: pools of one replica, few placement groups, no autoscaler, no warnings about it.
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
mon allow pool size one = true
mon warn on pool no redundancy = false
osd crush chooseleaf type = 0
mon data avail crit = 1
mon data avail warn = 2
paxos propose interval = 0.05
mon osd report timeout = 60

[osd]
osd objectstore = memstore
memstore device bytes = $MEMSTORE_BYTES
osd op num shards = 1
osd op num threads per shard = 2

[client.rgw]
rgw frontends = beast endpoint=127.0.0.1:$rgw_port
rgw thread pool size = 32
rgw enable apis = s3, admin
rgw enable lc threads = false
# What a deleted object held is freed by the garbage collector: within seconds, not hours.
rgw gc obj min wait = 5
rgw gc processor period = 5
rgw gc processor max time = 5
EOF
}

start() {
  prepare "$dir" "$STOP_SIGNAL"
  trap 'on_start_failure "$dir" "$STOP_SIGNAL"' EXIT
  need ceph-mon ceph-osd radosgw radosgw-admin monmaptool ceph-conf ceph curl python3
  mkdir -p "$dir"/{run,log,crash,mon/mon.a,osd/osd.0,rgw/client.rgw}
  local mon_port rgw_port
  read -r mon_port rgw_port < <(free_ports 2)
  write_conf "$mon_port" "$rgw_port"
  local ceph=(ceph --conf "$conf" --connect-timeout 20)

  monmaptool --create --clobber --fsid "$(ceph-conf -c "$conf" fsid)" \
    --addv a "[v2:127.0.0.1:$mon_port]" "$dir/monmap" >/dev/null
  ceph-mon --conf "$conf" --id a --mkfs --monmap "$dir/monmap" >"$dir/log/mkfs.log" 2>&1 ||
    die "ceph-mon --mkfs failed" "$dir/log/mkfs.log"
  spawn "$dir" mon "$dir/log/mon.a.log" ceph-mon --conf "$conf" --id a -f
  wait_for 20 "the mon" "$dir" mon "$dir/log/mon.a.log" "${ceph[@]}" mon stat

  local uuid id
  uuid=$(python3 -c 'import uuid; print(uuid.uuid4())')
  id=$("${ceph[@]}" osd new "$uuid")
  [ "$id" = 0 ] || die "the new osd is osd.$id, not osd.0"
  ceph-osd --conf "$conf" --id 0 --mkfs --osd-uuid "$uuid" >>"$dir/log/mkfs.log" 2>&1 ||
    die "ceph-osd --mkfs failed" "$dir/log/mkfs.log"
  spawn "$dir" osd "$dir/log/osd.0.log" ceph-osd --conf "$conf" --id 0 -f
  wait_for 30 "osd.0 up" "$dir" osd "$dir/log/osd.0.log" \
    bash -c '"$@" osd dump | grep -q "^osd.0 up"' _ "${ceph[@]}"

  spawn "$dir" rgw "$dir/log/client.rgw.log" radosgw --conf "$conf" --name client.rgw -f
  wait_for 60 "radosgw on port $rgw_port" "$dir" rgw "$dir/log/client.rgw.log" \
    curl -fsS -o /dev/null "http://127.0.0.1:$rgw_port/"

  local access secret
  access=$(random_hex 10 | tr a-f A-F)
  secret=$(random_hex 20)
  radosgw-admin --conf "$conf" --name client.rgw user create --uid strata --display-name "Strata tests" \
    --access-key "$access" --secret "$secret" >"$dir/log/user.json" 2>"$dir/log/radosgw-admin.log" ||
    die "radosgw-admin user create failed" "$dir/log/radosgw-admin.log"
  radosgw-admin --conf "$conf" --name client.rgw quota set --quota-scope=user --uid strata \
    --max-size="$QUOTA_BYTES" 2>>"$dir/log/radosgw-admin.log" ||
    die "radosgw-admin quota set failed" "$dir/log/radosgw-admin.log"
  radosgw-admin --conf "$conf" --name client.rgw quota enable --quota-scope=user --uid strata \
    2>>"$dir/log/radosgw-admin.log" || die "radosgw-admin quota enable failed" "$dir/log/radosgw-admin.log"

  # The region of SigV4's credential scope: the zonegroup's api_name ("default" unless set).
  local region
  region=$(radosgw-admin --conf "$conf" --name client.rgw zonegroup get 2>>"$dir/log/radosgw-admin.log" |
    python3 -c 'import json, sys; g = json.load(sys.stdin); print(g.get("api_name") or g["name"])')
  local endpoint=http://127.0.0.1:$rgw_port
  # curl 7.88 signs no payload hash; S3 wants one (here the SHA-256 of the empty body).
  curl -fsS -X PUT --aws-sigv4 "aws:amz:$region:s3" --user "$access:$secret" \
    -H "x-amz-content-sha256: $(sha256sum </dev/null | cut -d' ' -f1)" "$endpoint/$BUCKET" \
    >"$dir/log/bucket.out" 2>&1 || die "could not create bucket $BUCKET" "$dir/log/bucket.out"

  cat >"$dir/env" <<EOF
STRATA_TEST_S3_ENDPOINT=$endpoint
STRATA_TEST_S3_ACCESS_KEY=$access
STRATA_TEST_S3_SECRET_KEY=$secret
STRATA_TEST_S3_REGION=$region
STRATA_TEST_S3_BUCKET=$BUCKET
EOF
  trap - EXIT
  echo "rgw.sh: S3 at $endpoint (region $region, bucket $BUCKET), state in $dir"
}

case "$1" in
  start) start ;;
  stop) stop_and_remove "$dir" "$STOP_SIGNAL" ;;
  *) usage ;;
esac
