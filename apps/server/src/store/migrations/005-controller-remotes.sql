-- an OVN site is more than its NB: the SB for port status and ovn-trace, and the hypervisors'
-- Open_vSwitch DBs (comma list, each optionally AGENT@REMOTE) for the telemetry port map
ALTER TABLE controllers ADD COLUMN sb_remote TEXT;
ALTER TABLE controllers ADD COLUMN ovs_remote TEXT;
