-- the PEM files (paths on the server host, as ovn-nbctl -p -c -C takes them) for a site's
-- ssl: remotes, as JSON {privateKey, certificate, caCert}; the keys themselves are not stored
ALTER TABLE controllers ADD COLUMN ssl_files TEXT;
