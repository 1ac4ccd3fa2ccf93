# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_cdbg_global_optspecs
    string join \n bpf-root= H/host= D/debug config= state-dir= h/help V/version
end

function __fish_cdbg_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_cdbg_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_cdbg_using_subcommand
    set -l cmd (__fish_cdbg_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c cdbg -n "__fish_cdbg_needs_command" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_needs_command" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_needs_command" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_needs_command" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_needs_command" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_needs_command" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_needs_command" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_needs_command" -f -a "bpf" -d 'Direct access to local BPF maps'
complete -c cdbg -n "__fish_cdbg_needs_command" -f -a "config" -d 'Cilium configuration options'
complete -c cdbg -n "__fish_cdbg_needs_command" -f -a "debuginfo" -d 'Request available debugging information from agent'
complete -c cdbg -n "__fish_cdbg_needs_command" -f -a "endpoint" -d 'Manage endpoints'
complete -c cdbg -n "__fish_cdbg_needs_command" -f -a "identity" -d 'Manage security identities'
complete -c cdbg -n "__fish_cdbg_needs_command" -f -a "ip" -d 'Manage IP addresses and associated information'
complete -c cdbg -n "__fish_cdbg_needs_command" -f -a "kpr" -d 'Kube-proxy replacement checks for this node (cdbg)'
complete -c cdbg -n "__fish_cdbg_needs_command" -f -a "lab" -d 'A sandbox Cilium node for trying cdbg (cdbg)'
complete -c cdbg -n "__fish_cdbg_needs_command" -f -a "map" -d 'Access userspace cached content of BPF maps'
complete -c cdbg -n "__fish_cdbg_needs_command" -f -a "node" -d 'Manage cluster nodes'
complete -c cdbg -n "__fish_cdbg_needs_command" -f -a "nodeid" -d 'List node IDs and associated information'
complete -c cdbg -n "__fish_cdbg_needs_command" -f -a "observe" -d 'Observe flows of a Hubble server (cdbg)'
complete -c cdbg -n "__fish_cdbg_needs_command" -f -a "preflight" -d 'Node requirement checks (cdbg)'
complete -c cdbg -n "__fish_cdbg_needs_command" -f -a "service" -d 'Manage services & loadbalancers'
complete -c cdbg -n "__fish_cdbg_needs_command" -f -a "status" -d 'Display status of daemon'
complete -c cdbg -n "__fish_cdbg_needs_command" -f -a "version" -d 'Print version information'
complete -c cdbg -n "__fish_cdbg_needs_command" -f -a "completion" -d 'Output shell completion code'
complete -c cdbg -n "__fish_cdbg_needs_command" -f -a "generate" -d 'Write completions and man pages (for packaging)'
complete -c cdbg -n "__fish_cdbg_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config ct egress endpoint frag fs ipcache ipmasq lb maps metrics nat nodeid policy tunnel help" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config ct egress endpoint frag fs ipcache ipmasq lb maps metrics nat nodeid policy tunnel help" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config ct egress endpoint frag fs ipcache ipmasq lb maps metrics nat nodeid policy tunnel help" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config ct egress endpoint frag fs ipcache ipmasq lb maps metrics nat nodeid policy tunnel help" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config ct egress endpoint frag fs ipcache ipmasq lb maps metrics nat nodeid policy tunnel help" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config ct egress endpoint frag fs ipcache ipmasq lb maps metrics nat nodeid policy tunnel help" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config ct egress endpoint frag fs ipcache ipmasq lb maps metrics nat nodeid policy tunnel help" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config ct egress endpoint frag fs ipcache ipmasq lb maps metrics nat nodeid policy tunnel help" -f -a "auth" -d 'Manage authenticated connections between identities'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config ct egress endpoint frag fs ipcache ipmasq lb maps metrics nat nodeid policy tunnel help" -f -a "bandwidth" -d 'BPF datapath bandwidth settings'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config ct egress endpoint frag fs ipcache ipmasq lb maps metrics nat nodeid policy tunnel help" -f -a "config" -d 'Manage runtime config'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config ct egress endpoint frag fs ipcache ipmasq lb maps metrics nat nodeid policy tunnel help" -f -a "ct" -d 'Connection tracking tables'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config ct egress endpoint frag fs ipcache ipmasq lb maps metrics nat nodeid policy tunnel help" -f -a "egress" -d 'Manage the egress routing rules'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config ct egress endpoint frag fs ipcache ipmasq lb maps metrics nat nodeid policy tunnel help" -f -a "endpoint" -d 'Local endpoint map'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config ct egress endpoint frag fs ipcache ipmasq lb maps metrics nat nodeid policy tunnel help" -f -a "frag" -d 'Manage the IPv4 fragment tracking map'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config ct egress endpoint frag fs ipcache ipmasq lb maps metrics nat nodeid policy tunnel help" -f -a "fs" -d 'BPF filesystem mount'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config ct egress endpoint frag fs ipcache ipmasq lb maps metrics nat nodeid policy tunnel help" -f -a "ipcache" -d 'Manage the IPCache mappings for IPs to Endpoints'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config ct egress endpoint frag fs ipcache ipmasq lb maps metrics nat nodeid policy tunnel help" -f -a "ipmasq" -d 'ip-masq-agent CIDRs'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config ct egress endpoint frag fs ipcache ipmasq lb maps metrics nat nodeid policy tunnel help" -f -a "lb" -d 'Load-balancing configuration'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config ct egress endpoint frag fs ipcache ipmasq lb maps metrics nat nodeid policy tunnel help" -f -a "maps" -d 'Every pinned Cilium map: type, entries, limits, memlock (cdbg)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config ct egress endpoint frag fs ipcache ipmasq lb maps metrics nat nodeid policy tunnel help" -f -a "metrics" -d 'BPF datapath traffic metrics'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config ct egress endpoint frag fs ipcache ipmasq lb maps metrics nat nodeid policy tunnel help" -f -a "nat" -d 'NAT mapping tables'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config ct egress endpoint frag fs ipcache ipmasq lb maps metrics nat nodeid policy tunnel help" -f -a "nodeid" -d 'Manage the node IDs'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config ct egress endpoint frag fs ipcache ipmasq lb maps metrics nat nodeid policy tunnel help" -f -a "policy" -d 'Manage policy related BPF maps'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config ct egress endpoint frag fs ipcache ipmasq lb maps metrics nat nodeid policy tunnel help" -f -a "tunnel" -d 'Tunnel endpoint map'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config ct egress endpoint frag fs ipcache ipmasq lb maps metrics nat nodeid policy tunnel help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from auth" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from auth" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from auth" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from auth" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from auth" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from auth" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from auth" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from auth" -f -a "list" -d 'List entries in the auth map'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from auth" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from bandwidth" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from bandwidth" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from bandwidth" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from bandwidth" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from bandwidth" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from bandwidth" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from bandwidth" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from bandwidth" -f -a "list" -d 'List BPF datapath bandwidth settings'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from bandwidth" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from config" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from config" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from config" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from config" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from config" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from config" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from config" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from config" -f -a "list" -d 'List BPF datapath runtime config'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from config" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ct" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ct" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ct" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ct" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ct" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ct" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ct" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ct" -f -a "list" -d 'List connection tracking entries'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ct" -f -a "ls" -d 'List connection tracking entries'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ct" -f -a "flush" -d 'Flush all connection tracking entries'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ct" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from egress" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from egress" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from egress" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from egress" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from egress" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from egress" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from egress" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from egress" -f -a "list" -d 'List egress policy entries'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from egress" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from endpoint" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from endpoint" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from endpoint" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from endpoint" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from endpoint" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from endpoint" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from endpoint" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from endpoint" -f -a "list" -d 'List local endpoint entries'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from endpoint" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from frag" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from frag" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from frag" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from frag" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from frag" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from frag" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from frag" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from frag" -f -a "list" -d 'List IPv4 datagram fragments'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from frag" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from fs" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from fs" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from fs" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from fs" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from fs" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from fs" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from fs" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from fs" -f -a "show" -d 'Show bpf filesystem mount details'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from fs" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipcache" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipcache" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipcache" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipcache" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipcache" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipcache" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipcache" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipcache" -f -a "list" -d 'List endpoint IPs (local and remote) and their corresponding security identities'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipcache" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipmasq" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipmasq" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipmasq" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipmasq" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipmasq" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipmasq" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipmasq" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipmasq" -f -a "list" -d 'List ip-masq-agent CIDRs'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipmasq" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from lb" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from lb" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from lb" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from lb" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from lb" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from lb" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from lb" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from lb" -f -a "list" -d 'List load-balancing configuration'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from lb" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from maps" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from maps" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from maps" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from maps" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from maps" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from maps" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from maps" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from maps" -f -a "list" -d 'List pinned maps'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from maps" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from metrics" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from metrics" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from metrics" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from metrics" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from metrics" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from metrics" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from metrics" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from metrics" -f -a "list" -d 'List BPF datapath traffic metrics'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from metrics" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nat" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nat" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nat" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nat" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nat" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nat" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nat" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nat" -f -a "list" -d 'List all NAT mapping entries'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nat" -f -a "ls" -d 'List all NAT mapping entries'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nat" -f -a "flush" -d 'Flush all NAT mapping entries'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nat" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nodeid" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nodeid" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nodeid" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nodeid" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nodeid" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nodeid" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nodeid" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nodeid" -f -a "list" -d 'List node IDs and their IP addresses'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nodeid" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from policy" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from policy" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from policy" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from policy" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from policy" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from policy" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from policy" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from policy" -f -a "get" -d 'List contents of a policy BPF map'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from policy" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from tunnel" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from tunnel" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from tunnel" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from tunnel" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from tunnel" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from tunnel" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from tunnel" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from tunnel" -f -a "list" -d 'List tunnel endpoint entries'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from tunnel" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "auth" -d 'Manage authenticated connections between identities'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "bandwidth" -d 'BPF datapath bandwidth settings'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "config" -d 'Manage runtime config'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "ct" -d 'Connection tracking tables'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "egress" -d 'Manage the egress routing rules'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "endpoint" -d 'Local endpoint map'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "frag" -d 'Manage the IPv4 fragment tracking map'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "fs" -d 'BPF filesystem mount'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "ipcache" -d 'Manage the IPCache mappings for IPs to Endpoints'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "ipmasq" -d 'ip-masq-agent CIDRs'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "lb" -d 'Load-balancing configuration'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "maps" -d 'Every pinned Cilium map: type, entries, limits, memlock (cdbg)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "metrics" -d 'BPF datapath traffic metrics'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "nat" -d 'NAT mapping tables'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "nodeid" -d 'Manage the node IDs'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "policy" -d 'Manage policy related BPF maps'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "tunnel" -d 'Tunnel endpoint map'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand config" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand config" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand config" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand config" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand config" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand config" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand config" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand config" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand debuginfo" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand debuginfo" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand debuginfo" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand debuginfo" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand debuginfo" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand debuginfo" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand debuginfo" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand debuginfo" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and not __fish_seen_subcommand_from list get help" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and not __fish_seen_subcommand_from list get help" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and not __fish_seen_subcommand_from list get help" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and not __fish_seen_subcommand_from list get help" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and not __fish_seen_subcommand_from list get help" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and not __fish_seen_subcommand_from list get help" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and not __fish_seen_subcommand_from list get help" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and not __fish_seen_subcommand_from list get help" -f -a "list" -d 'List all endpoints'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and not __fish_seen_subcommand_from list get help" -f -a "get" -d 'Display endpoint information'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and not __fish_seen_subcommand_from list get help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from list" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from list" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from list" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from list" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from list" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from list" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from get" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from get" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from get" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from get" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from get" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from get" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from help" -f -a "list" -d 'List all endpoints'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from help" -f -a "get" -d 'Display endpoint information'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and not __fish_seen_subcommand_from list get help" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and not __fish_seen_subcommand_from list get help" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and not __fish_seen_subcommand_from list get help" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and not __fish_seen_subcommand_from list get help" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and not __fish_seen_subcommand_from list get help" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and not __fish_seen_subcommand_from list get help" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and not __fish_seen_subcommand_from list get help" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and not __fish_seen_subcommand_from list get help" -f -a "list" -d 'List identities'
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and not __fish_seen_subcommand_from list get help" -f -a "get" -d 'Retrieve information about an identity'
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and not __fish_seen_subcommand_from list get help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from list" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from list" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from list" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from list" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from list" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from list" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from get" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from get" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from get" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from get" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from get" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from get" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from help" -f -a "list" -d 'List identities'
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from help" -f -a "get" -d 'Retrieve information about an identity'
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and not __fish_seen_subcommand_from list get help" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and not __fish_seen_subcommand_from list get help" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and not __fish_seen_subcommand_from list get help" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and not __fish_seen_subcommand_from list get help" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and not __fish_seen_subcommand_from list get help" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and not __fish_seen_subcommand_from list get help" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and not __fish_seen_subcommand_from list get help" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and not __fish_seen_subcommand_from list get help" -f -a "list" -d 'List IP addresses in the userspace IPcache'
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and not __fish_seen_subcommand_from list get help" -f -a "get" -d 'Display IP Cache information'
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and not __fish_seen_subcommand_from list get help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from list" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from list" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from list" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from list" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from list" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from list" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from get" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from get" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from get" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from get" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from get" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from get" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from help" -f -a "list" -d 'List IP addresses in the userspace IPcache'
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from help" -f -a "get" -d 'Display IP Cache information'
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and not __fish_seen_subcommand_from check help" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and not __fish_seen_subcommand_from check help" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and not __fish_seen_subcommand_from check help" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and not __fish_seen_subcommand_from check help" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and not __fish_seen_subcommand_from check help" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and not __fish_seen_subcommand_from check help" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and not __fish_seen_subcommand_from check help" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and not __fish_seen_subcommand_from check help" -f -a "check" -d 'Verify kube-proxy replacement on this node'
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and not __fish_seen_subcommand_from check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and __fish_seen_subcommand_from check" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and __fish_seen_subcommand_from check" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and __fish_seen_subcommand_from check" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and __fish_seen_subcommand_from check" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and __fish_seen_subcommand_from check" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and __fish_seen_subcommand_from check" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and __fish_seen_subcommand_from help" -f -a "check" -d 'Verify kube-proxy replacement on this node'
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and not __fish_seen_subcommand_from up down env tour serve fill help" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and not __fish_seen_subcommand_from up down env tour serve fill help" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and not __fish_seen_subcommand_from up down env tour serve fill help" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and not __fish_seen_subcommand_from up down env tour serve fill help" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and not __fish_seen_subcommand_from up down env tour serve fill help" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and not __fish_seen_subcommand_from up down env tour serve fill help" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and not __fish_seen_subcommand_from up down env tour serve fill help" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and not __fish_seen_subcommand_from up down env tour serve fill help" -f -a "up" -d 'Mount a private bpffs under DIR, create the reference node\'s maps, start the stand-in agent and Hubble'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and not __fish_seen_subcommand_from up down env tour serve fill help" -f -a "down" -d 'Stop the lab\'s servers, unmount its bpffs and remove DIR'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and not __fish_seen_subcommand_from up down env tour serve fill help" -f -a "env" -d 'Print the environment that points cdbg (and cilium-dbg, hubble) at the lab'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and not __fish_seen_subcommand_from up down env tour serve fill help" -f -a "tour" -d 'Build a lab, run a guided tour of commands against it, remove it'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and not __fish_seen_subcommand_from up down env tour serve fill help" -f -a "serve" -d 'Serve the lab\'s agent and Hubble sockets in the foreground (lab up starts this)'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and not __fish_seen_subcommand_from up down env tour serve fill help" -f -a "fill" -d 'For benchmarks: mount a private bpffs under DIR with only big synthetic CT and NAT maps (remove with `lab down --dir DIR`)'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and not __fish_seen_subcommand_from up down env tour serve fill help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from up" -l dir -d 'Lab directory (created if missing)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from up" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from up" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from up" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from up" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from up" -l faults -d 'Add broken states for the triage checks: an orphan backend, a service with a missing backend, a near-full NAT map, a stale agent heartbeat'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from up" -l no-serve -d 'Only build the maps; start no agent or Hubble server'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from up" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from up" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from up" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from down" -l dir -d 'Lab directory' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from down" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from down" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from down" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from down" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from down" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from down" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from down" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from env" -l dir -d 'Lab directory' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from env" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from env" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from env" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from env" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from env" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from env" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from env" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from tour" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from tour" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from tour" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from tour" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from tour" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from tour" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from tour" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from serve" -l dir -d 'Lab directory' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from serve" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from serve" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from serve" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from serve" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from serve" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from serve" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from serve" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from fill" -l dir -d 'Lab directory (created if missing)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from fill" -l ct -d 'Entries for cilium_ct4_global (0 = do not create)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from fill" -l nat -d 'Entries for cilium_snat_v4_external (0 = do not create)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from fill" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from fill" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from fill" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from fill" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from fill" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from fill" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from fill" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "up" -d 'Mount a private bpffs under DIR, create the reference node\'s maps, start the stand-in agent and Hubble'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "down" -d 'Stop the lab\'s servers, unmount its bpffs and remove DIR'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "env" -d 'Print the environment that points cdbg (and cilium-dbg, hubble) at the lab'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "tour" -d 'Build a lab, run a guided tour of commands against it, remove it'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "serve" -d 'Serve the lab\'s agent and Hubble sockets in the foreground (lab up starts this)'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "fill" -d 'For benchmarks: mount a private bpffs under DIR with only big synthetic CT and NAT maps (remove with `lab down --dir DIR`)'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and not __fish_seen_subcommand_from list get help" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and not __fish_seen_subcommand_from list get help" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and not __fish_seen_subcommand_from list get help" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and not __fish_seen_subcommand_from list get help" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and not __fish_seen_subcommand_from list get help" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and not __fish_seen_subcommand_from list get help" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and not __fish_seen_subcommand_from list get help" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and not __fish_seen_subcommand_from list get help" -f -a "list" -d 'List all open BPF maps'
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and not __fish_seen_subcommand_from list get help" -f -a "get" -d 'Display BPF map information'
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and not __fish_seen_subcommand_from list get help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from list" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from list" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from list" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from list" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from list" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from list" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from get" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from get" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from get" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from get" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from get" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from get" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from help" -f -a "list" -d 'List all open BPF maps'
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from help" -f -a "get" -d 'Display BPF map information'
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and not __fish_seen_subcommand_from list help" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and not __fish_seen_subcommand_from list help" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and not __fish_seen_subcommand_from list help" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and not __fish_seen_subcommand_from list help" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and not __fish_seen_subcommand_from list help" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and not __fish_seen_subcommand_from list help" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and not __fish_seen_subcommand_from list help" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and not __fish_seen_subcommand_from list help" -f -a "list" -d 'List nodes'
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and not __fish_seen_subcommand_from list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and __fish_seen_subcommand_from list" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and __fish_seen_subcommand_from list" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and __fish_seen_subcommand_from list" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and __fish_seen_subcommand_from list" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and __fish_seen_subcommand_from list" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and __fish_seen_subcommand_from list" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "list" -d 'List nodes'
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and not __fish_seen_subcommand_from list help" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and not __fish_seen_subcommand_from list help" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and not __fish_seen_subcommand_from list help" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and not __fish_seen_subcommand_from list help" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and not __fish_seen_subcommand_from list help" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and not __fish_seen_subcommand_from list help" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and not __fish_seen_subcommand_from list help" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and not __fish_seen_subcommand_from list help" -f -a "list" -d 'List node IDs and associated information'
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and not __fish_seen_subcommand_from list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and __fish_seen_subcommand_from list" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and __fish_seen_subcommand_from list" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and __fish_seen_subcommand_from list" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and __fish_seen_subcommand_from list" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and __fish_seen_subcommand_from list" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and __fish_seen_subcommand_from list" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and __fish_seen_subcommand_from help" -f -a "list" -d 'List node IDs and associated information'
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand observe" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand observe" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand observe" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand observe" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand observe" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand observe" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and not __fish_seen_subcommand_from kernel help" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and not __fish_seen_subcommand_from kernel help" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and not __fish_seen_subcommand_from kernel help" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and not __fish_seen_subcommand_from kernel help" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and not __fish_seen_subcommand_from kernel help" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and not __fish_seen_subcommand_from kernel help" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and not __fish_seen_subcommand_from kernel help" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and not __fish_seen_subcommand_from kernel help" -f -a "kernel" -d 'Check the kernel against Cilium\'s system requirements'
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and not __fish_seen_subcommand_from kernel help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and __fish_seen_subcommand_from kernel" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and __fish_seen_subcommand_from kernel" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and __fish_seen_subcommand_from kernel" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and __fish_seen_subcommand_from kernel" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and __fish_seen_subcommand_from kernel" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and __fish_seen_subcommand_from kernel" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and __fish_seen_subcommand_from kernel" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and __fish_seen_subcommand_from kernel" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and __fish_seen_subcommand_from help" -f -a "kernel" -d 'Check the kernel against Cilium\'s system requirements'
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and not __fish_seen_subcommand_from list get help" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and not __fish_seen_subcommand_from list get help" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and not __fish_seen_subcommand_from list get help" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and not __fish_seen_subcommand_from list get help" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and not __fish_seen_subcommand_from list get help" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and not __fish_seen_subcommand_from list get help" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and not __fish_seen_subcommand_from list get help" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and not __fish_seen_subcommand_from list get help" -f -a "list" -d 'List services'
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and not __fish_seen_subcommand_from list get help" -f -a "get" -d 'Display service information'
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and not __fish_seen_subcommand_from list get help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from list" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from list" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from list" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from list" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from list" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from list" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from get" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from get" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from get" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from get" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from get" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from get" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "list" -d 'List services'
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "get" -d 'Display service information'
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand status" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand status" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand status" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand status" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand status" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand status" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand status" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand status" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand version" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand version" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand version" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand version" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand version" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand version" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand version" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand version" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand completion" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand completion" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand completion" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand completion" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand completion" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand completion" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand completion" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and not __fish_seen_subcommand_from completions man help" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and not __fish_seen_subcommand_from completions man help" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and not __fish_seen_subcommand_from completions man help" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and not __fish_seen_subcommand_from completions man help" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and not __fish_seen_subcommand_from completions man help" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and not __fish_seen_subcommand_from completions man help" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and not __fish_seen_subcommand_from completions man help" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and not __fish_seen_subcommand_from completions man help" -f -a "completions" -d 'Write bash, zsh and fish completions into DIR'
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and not __fish_seen_subcommand_from completions man help" -f -a "man" -d 'Write one man page per command into DIR'
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and not __fish_seen_subcommand_from completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and __fish_seen_subcommand_from completions" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and __fish_seen_subcommand_from completions" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and __fish_seen_subcommand_from completions" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and __fish_seen_subcommand_from completions" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and __fish_seen_subcommand_from completions" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and __fish_seen_subcommand_from completions" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and __fish_seen_subcommand_from completions" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and __fish_seen_subcommand_from man" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and __fish_seen_subcommand_from man" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and __fish_seen_subcommand_from man" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and __fish_seen_subcommand_from man" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and __fish_seen_subcommand_from man" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and __fish_seen_subcommand_from man" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and __fish_seen_subcommand_from man" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and __fish_seen_subcommand_from help" -f -a "completions" -d 'Write bash, zsh and fish completions into DIR'
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and __fish_seen_subcommand_from help" -f -a "man" -d 'Write one man page per command into DIR'
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from bpf config debuginfo endpoint identity ip kpr lab map node nodeid observe preflight service status version completion generate help" -f -a "bpf" -d 'Direct access to local BPF maps'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from bpf config debuginfo endpoint identity ip kpr lab map node nodeid observe preflight service status version completion generate help" -f -a "config" -d 'Cilium configuration options'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from bpf config debuginfo endpoint identity ip kpr lab map node nodeid observe preflight service status version completion generate help" -f -a "debuginfo" -d 'Request available debugging information from agent'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from bpf config debuginfo endpoint identity ip kpr lab map node nodeid observe preflight service status version completion generate help" -f -a "endpoint" -d 'Manage endpoints'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from bpf config debuginfo endpoint identity ip kpr lab map node nodeid observe preflight service status version completion generate help" -f -a "identity" -d 'Manage security identities'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from bpf config debuginfo endpoint identity ip kpr lab map node nodeid observe preflight service status version completion generate help" -f -a "ip" -d 'Manage IP addresses and associated information'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from bpf config debuginfo endpoint identity ip kpr lab map node nodeid observe preflight service status version completion generate help" -f -a "kpr" -d 'Kube-proxy replacement checks for this node (cdbg)'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from bpf config debuginfo endpoint identity ip kpr lab map node nodeid observe preflight service status version completion generate help" -f -a "lab" -d 'A sandbox Cilium node for trying cdbg (cdbg)'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from bpf config debuginfo endpoint identity ip kpr lab map node nodeid observe preflight service status version completion generate help" -f -a "map" -d 'Access userspace cached content of BPF maps'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from bpf config debuginfo endpoint identity ip kpr lab map node nodeid observe preflight service status version completion generate help" -f -a "node" -d 'Manage cluster nodes'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from bpf config debuginfo endpoint identity ip kpr lab map node nodeid observe preflight service status version completion generate help" -f -a "nodeid" -d 'List node IDs and associated information'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from bpf config debuginfo endpoint identity ip kpr lab map node nodeid observe preflight service status version completion generate help" -f -a "observe" -d 'Observe flows of a Hubble server (cdbg)'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from bpf config debuginfo endpoint identity ip kpr lab map node nodeid observe preflight service status version completion generate help" -f -a "preflight" -d 'Node requirement checks (cdbg)'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from bpf config debuginfo endpoint identity ip kpr lab map node nodeid observe preflight service status version completion generate help" -f -a "service" -d 'Manage services & loadbalancers'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from bpf config debuginfo endpoint identity ip kpr lab map node nodeid observe preflight service status version completion generate help" -f -a "status" -d 'Display status of daemon'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from bpf config debuginfo endpoint identity ip kpr lab map node nodeid observe preflight service status version completion generate help" -f -a "version" -d 'Print version information'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from bpf config debuginfo endpoint identity ip kpr lab map node nodeid observe preflight service status version completion generate help" -f -a "completion" -d 'Output shell completion code'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from bpf config debuginfo endpoint identity ip kpr lab map node nodeid observe preflight service status version completion generate help" -f -a "generate" -d 'Write completions and man pages (for packaging)'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from bpf config debuginfo endpoint identity ip kpr lab map node nodeid observe preflight service status version completion generate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "auth" -d 'Manage authenticated connections between identities'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "bandwidth" -d 'BPF datapath bandwidth settings'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "config" -d 'Manage runtime config'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "ct" -d 'Connection tracking tables'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "egress" -d 'Manage the egress routing rules'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "endpoint" -d 'Local endpoint map'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "frag" -d 'Manage the IPv4 fragment tracking map'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "fs" -d 'BPF filesystem mount'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "ipcache" -d 'Manage the IPCache mappings for IPs to Endpoints'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "ipmasq" -d 'ip-masq-agent CIDRs'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "lb" -d 'Load-balancing configuration'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "maps" -d 'Every pinned Cilium map: type, entries, limits, memlock (cdbg)'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "metrics" -d 'BPF datapath traffic metrics'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "nat" -d 'NAT mapping tables'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "nodeid" -d 'Manage the node IDs'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "policy" -d 'Manage policy related BPF maps'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "tunnel" -d 'Tunnel endpoint map'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from endpoint" -f -a "list" -d 'List all endpoints'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from endpoint" -f -a "get" -d 'Display endpoint information'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from identity" -f -a "list" -d 'List identities'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from identity" -f -a "get" -d 'Retrieve information about an identity'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from ip" -f -a "list" -d 'List IP addresses in the userspace IPcache'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from ip" -f -a "get" -d 'Display IP Cache information'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from kpr" -f -a "check" -d 'Verify kube-proxy replacement on this node'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from lab" -f -a "up" -d 'Mount a private bpffs under DIR, create the reference node\'s maps, start the stand-in agent and Hubble'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from lab" -f -a "down" -d 'Stop the lab\'s servers, unmount its bpffs and remove DIR'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from lab" -f -a "env" -d 'Print the environment that points cdbg (and cilium-dbg, hubble) at the lab'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from lab" -f -a "tour" -d 'Build a lab, run a guided tour of commands against it, remove it'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from lab" -f -a "serve" -d 'Serve the lab\'s agent and Hubble sockets in the foreground (lab up starts this)'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from lab" -f -a "fill" -d 'For benchmarks: mount a private bpffs under DIR with only big synthetic CT and NAT maps (remove with `lab down --dir DIR`)'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from map" -f -a "list" -d 'List all open BPF maps'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from map" -f -a "get" -d 'Display BPF map information'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "list" -d 'List nodes'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from nodeid" -f -a "list" -d 'List node IDs and associated information'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from preflight" -f -a "kernel" -d 'Check the kernel against Cilium\'s system requirements'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "list" -d 'List services'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "get" -d 'Display service information'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from generate" -f -a "completions" -d 'Write bash, zsh and fish completions into DIR'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from generate" -f -a "man" -d 'Write one man page per command into DIR'
