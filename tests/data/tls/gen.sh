#!/bin/sh
# Regenerates the test CA and the loopback server certificate. The files are
# committed so that the tests need no openssl at run time; run this only to
# replace them. The CA key is thrown away, so that nothing
# but these files can ever be signed by the test CA. Validity runs from 2020 to 2120 (`openssl ca` lets us set the
# start date, so a machine whose clock is behind still accepts them).
set -eu
cd "$(dirname "$0")"
start=20200101000000Z
end=21200101000000Z
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
touch "$work/index.txt"
cat > "$work/ca.cnf" <<CNF
[ ca ]
default_ca = test_ca
[ test_ca ]
dir = $work
database = $work/index.txt
new_certs_dir = $work
serial = $work/serial
default_md = sha256
policy = anything
copy_extensions = none
unique_subject = no
[ anything ]
organizationName = optional
commonName = supplied
[ ca_ext ]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[ server_ext ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1,DNS:localhost,IP:::1
authorityKeyIdentifier = keyid
CNF
echo 01 > "$work/serial"

openssl req -new -newkey rsa:2048 -nodes -keyout "$work/ca.key" -out "$work/ca.csr" \
    -subj "/O=SMH Task Monitor tests/CN=SMH Task Monitor Test CA"
openssl ca -batch -config "$work/ca.cnf" -selfsign -keyfile "$work/ca.key" -in "$work/ca.csr" \
    -startdate "$start" -enddate "$end" -extensions ca_ext -notext -out ca.pem

openssl req -new -newkey rsa:2048 -nodes -keyout server.key -out "$work/server.csr" \
    -subj "/O=SMH Task Monitor tests/CN=127.0.0.1"
openssl ca -batch -config "$work/ca.cnf" -cert ca.pem -keyfile "$work/ca.key" -in "$work/server.csr" \
    -startdate "$start" -enddate "$end" -extensions server_ext -notext -out server.pem

openssl verify -CAfile ca.pem server.pem
