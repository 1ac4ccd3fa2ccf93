# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_cdbg_global_optspecs
    string join \n bpf-root= H/host= D/debug config= state-dir= from= h/help V/version
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
complete -c cdbg -n "__fish_cdbg_needs_command" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_needs_command" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_needs_command" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_needs_command" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_needs_command" -f -a "config" -d 'Cilium configuration options'
complete -c cdbg -n "__fish_cdbg_needs_command" -f -a "debuginfo" -d 'Request available debugging information from agent'
complete -c cdbg -n "__fish_cdbg_needs_command" -f -a "doctor" -d 'Node triage: run every check and name the offender (cdbg)'
complete -c cdbg -n "__fish_cdbg_needs_command" -f -a "endpoint" -d 'Manage endpoints'
complete -c cdbg -n "__fish_cdbg_needs_command" -f -a "explain" -d 'Explain what the datapath does to one connection, from the maps (cdbg)'
complete -c cdbg -n "__fish_cdbg_needs_command" -f -a "fleet" -d 'Run a cdbg command on many nodes and merge the results (cdbg)'
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
complete -c cdbg -n "__fish_cdbg_needs_command" -f -a "snapshot" -d 'Save the node into a file, describe or compare such files (cdbg)'
complete -c cdbg -n "__fish_cdbg_needs_command" -f -a "status" -d 'Display status of daemon'
complete -c cdbg -n "__fish_cdbg_needs_command" -f -a "version" -d 'Print version information'
complete -c cdbg -n "__fish_cdbg_needs_command" -f -a "completion" -d 'Output shell completion code'
complete -c cdbg -n "__fish_cdbg_needs_command" -f -a "generate" -d 'Write completions and man pages (for packaging)'
complete -c cdbg -n "__fish_cdbg_needs_command" -f -a "bpf" -d 'Direct access to local BPF maps'
complete -c cdbg -n "__fish_cdbg_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand config" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand config" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand config" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand config" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand config" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand config" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand config" -s a -l all -d 'Display all cilium configurations'
complete -c cdbg -n "__fish_cdbg_using_subcommand config" -s r -l read-only -d 'Display read only configurations'
complete -c cdbg -n "__fish_cdbg_using_subcommand config" -l list-options -d 'List available options'
complete -c cdbg -n "__fish_cdbg_using_subcommand config" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand config" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand config" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand debuginfo" -s o -l output -d 'markdown| json| jsonpath=\'{}\'| yaml' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand debuginfo" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand debuginfo" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand debuginfo" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand debuginfo" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand debuginfo" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand debuginfo" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand debuginfo" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand debuginfo" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand doctor" -l only -d 'Run only these checks' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand doctor" -l warn-fill -d 'Map fill (percent) from which a map WARNs' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand doctor" -l fail-fill -d 'Map fill (percent) from which a map FAILs' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand doctor" -l syn-age -d 'SYN-only conntrack entries at least this old (seconds) count as failed connections' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand doctor" -l expired -d 'Expired-but-present conntrack entries WARN from this share of the entries (percent)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand doctor" -l nat-orphans -d 'NAT entries without conntrack WARN from this many' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand doctor" -l nat-port-range -d 'SNAT port range the ports per destination are measured against' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand doctor" -l interval -d 'Read cilium_metrics twice this far apart and report drop rates' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand doctor" -l drop-rate -d 'Drop rate (packets/s, with --interval) from which drops WARN' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand doctor" -l top -d 'Offenders to name per check' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand doctor" -l devices -d 'KPR devices to check (default: the agent\'s list)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand doctor" -l cgroup-root -d 'cgroup2 directory Cilium attaches socket LB to (default /run/cilium/cgroupv2, else the cgroup2 mount)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand doctor" -l netns -d 'Network namespace to inspect devices in (an nsfs file such as /var/run/netns/NAME)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand doctor" -l kernel-config -d 'Read the kernel config from FILE instead of /proc/config.gz or /boot/config-<release>' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand doctor" -l modules -d 'Read loaded modules from FILE (in /proc/modules format) instead of /proc/modules' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand doctor" -l timeout -d 'Timeout for each agent request (default 5s, or CDBG_API_TIMEOUT)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand doctor" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand doctor" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand doctor" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand doctor" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand doctor" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand doctor" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand doctor" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand doctor" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand doctor" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and not __fish_seen_subcommand_from list ls get inspect show help" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and not __fish_seen_subcommand_from list ls get inspect show help" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and not __fish_seen_subcommand_from list ls get inspect show help" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and not __fish_seen_subcommand_from list ls get inspect show help" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and not __fish_seen_subcommand_from list ls get inspect show help" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and not __fish_seen_subcommand_from list ls get inspect show help" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and not __fish_seen_subcommand_from list ls get inspect show help" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and not __fish_seen_subcommand_from list ls get inspect show help" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and not __fish_seen_subcommand_from list ls get inspect show help" -f -a "list" -d 'List all endpoints'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and not __fish_seen_subcommand_from list ls get inspect show help" -f -a "ls" -d 'List all endpoints'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and not __fish_seen_subcommand_from list ls get inspect show help" -f -a "get" -d 'Display endpoint information'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and not __fish_seen_subcommand_from list ls get inspect show help" -f -a "inspect" -d 'Display endpoint information'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and not __fish_seen_subcommand_from list ls get inspect show help" -f -a "show" -d 'Display endpoint information'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and not __fish_seen_subcommand_from list ls get inspect show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from list" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from list" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from list" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from list" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from list" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from list" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from list" -l no-headers -d 'Do not print headers'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from list" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from ls" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from ls" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from ls" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from ls" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from ls" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from ls" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from ls" -l no-headers -d 'Do not print headers'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from ls" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from get" -s l -l labels -d 'List all endpoints that have all of these labels' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from get" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from get" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from get" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from get" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from get" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from get" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from get" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from inspect" -s l -l labels -d 'List all endpoints that have all of these labels' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from inspect" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from inspect" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from inspect" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from inspect" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from inspect" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from inspect" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from inspect" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from show" -s l -l labels -d 'List all endpoints that have all of these labels' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from show" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from show" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from show" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from show" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from show" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from show" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from show" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from help" -f -a "list" -d 'List all endpoints'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from help" -f -a "get" -d 'Display endpoint information'
complete -c cdbg -n "__fish_cdbg_using_subcommand endpoint; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand explain" -l last -d 'How many Hubble flows --flows shows' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand explain" -l server -d 'Address of a Hubble server: unix:///path/to/hubble.sock or host:port (no TLS)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand explain" -l timeout -d 'Hubble server dialing timeout (Go duration, e.g. 5s)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand explain" -l request-timeout -d 'Timeout of unary calls (status, namespaces) and of the first response of a flow stream' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand explain" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand explain" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand explain" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand explain" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand explain" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand explain" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand explain" -l flows -d 'Also show the last flows Hubble recorded for this connection, with their verdicts'
complete -c cdbg -n "__fish_cdbg_using_subcommand explain" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand explain" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand explain" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and not __fish_seen_subcommand_from diff install help" -l via -d 'How to reach the nodes' -r -f -a "kube\t'The Kubernetes API: exec into the agent pods'
ssh\t'The system ssh client with your ssh config and keys'
exec\t'A command prefix run locally per node, `{node}` replaced (e.g. `docker exec {node}`)'"
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and not __fish_seen_subcommand_from diff install help" -l nodes -d 'Nodes to run on: NAME,NAME,… or @FILE (one per line, # comments)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and not __fish_seen_subcommand_from diff install help" -l node-selector -d 'Only nodes with these Kubernetes labels (kube)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and not __fish_seen_subcommand_from diff install help" -l max-nodes -d 'Refuse to run on more nodes than this' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and not __fish_seen_subcommand_from diff install help" -l context -d 'Kubeconfig context (kube)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and not __fish_seen_subcommand_from diff install help" -s n -l namespace -d 'Namespace of the agent pods (kube)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and not __fish_seen_subcommand_from diff install help" -s l -l selector -d 'Label selector of the agent pods (kube)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and not __fish_seen_subcommand_from diff install help" -s c -l container -d 'Container to exec into (kube)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and not __fish_seen_subcommand_from diff install help" -l ssh-option -d 'An ssh option, passed as `-o OPTION` (repeatable; ssh)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and not __fish_seen_subcommand_from diff install help" -l exec -d 'The command prefix for --via exec; `{node}` is replaced by the node name' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and not __fish_seen_subcommand_from diff install help" -l remote-path -d 'Where cdbg is on the nodes' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and not __fish_seen_subcommand_from diff install help" -l concurrency -d 'Nodes running at once' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and not __fish_seen_subcommand_from diff install help" -l node-timeout -d 'Time limit per node (the node\'s command is killed after it)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and not __fish_seen_subcommand_from diff install help" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and not __fish_seen_subcommand_from diff install help" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and not __fish_seen_subcommand_from diff install help" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and not __fish_seen_subcommand_from diff install help" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and not __fish_seen_subcommand_from diff install help" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and not __fish_seen_subcommand_from diff install help" -l prefix -d 'Prefix every output line with `[node]` instead of grouping by node'
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and not __fish_seen_subcommand_from diff install help" -l allow-partial -d 'Exit 0 when at least one node succeeded'
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and not __fish_seen_subcommand_from diff install help" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and not __fish_seen_subcommand_from diff install help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and not __fish_seen_subcommand_from diff install help" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and not __fish_seen_subcommand_from diff install help" -a "diff" -d 'Show the keys whose values differ between nodes (or that some nodes lack)'
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and not __fish_seen_subcommand_from diff install help" -a "install" -d 'Copy this cdbg binary to --remote-path on every node and verify its checksum'
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and not __fish_seen_subcommand_from diff install help" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from diff" -l via -d 'How to reach the nodes' -r -f -a "kube\t'The Kubernetes API: exec into the agent pods'
ssh\t'The system ssh client with your ssh config and keys'
exec\t'A command prefix run locally per node, `{node}` replaced (e.g. `docker exec {node}`)'"
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from diff" -l nodes -d 'Nodes to run on: NAME,NAME,… or @FILE (one per line, # comments)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from diff" -l node-selector -d 'Only nodes with these Kubernetes labels (kube)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from diff" -l max-nodes -d 'Refuse to run on more nodes than this' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from diff" -l context -d 'Kubeconfig context (kube)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from diff" -s n -l namespace -d 'Namespace of the agent pods (kube)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from diff" -s l -l selector -d 'Label selector of the agent pods (kube)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from diff" -s c -l container -d 'Container to exec into (kube)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from diff" -l ssh-option -d 'An ssh option, passed as `-o OPTION` (repeatable; ssh)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from diff" -l exec -d 'The command prefix for --via exec; `{node}` is replaced by the node name' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from diff" -l remote-path -d 'Where cdbg is on the nodes' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from diff" -l concurrency -d 'Nodes running at once' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from diff" -l node-timeout -d 'Time limit per node (the node\'s command is killed after it)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from diff" -s o -l output -d 'Print one JSON record per differing key' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from diff" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from diff" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from diff" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from diff" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from diff" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from diff" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from diff" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from install" -l via -d 'How to reach the nodes' -r -f -a "kube\t'The Kubernetes API: exec into the agent pods'
ssh\t'The system ssh client with your ssh config and keys'
exec\t'A command prefix run locally per node, `{node}` replaced (e.g. `docker exec {node}`)'"
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from install" -l nodes -d 'Nodes to run on: NAME,NAME,… or @FILE (one per line, # comments)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from install" -l node-selector -d 'Only nodes with these Kubernetes labels (kube)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from install" -l max-nodes -d 'Refuse to run on more nodes than this' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from install" -l context -d 'Kubeconfig context (kube)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from install" -s n -l namespace -d 'Namespace of the agent pods (kube)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from install" -s l -l selector -d 'Label selector of the agent pods (kube)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from install" -s c -l container -d 'Container to exec into (kube)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from install" -l ssh-option -d 'An ssh option, passed as `-o OPTION` (repeatable; ssh)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from install" -l exec -d 'The command prefix for --via exec; `{node}` is replaced by the node name' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from install" -l remote-path -d 'Where cdbg is on the nodes' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from install" -l concurrency -d 'Nodes running at once' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from install" -l node-timeout -d 'Time limit per node (the node\'s command is killed after it)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from install" -l binary -d 'The binary to copy (default: this cdbg)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from install" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from install" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from install" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from install" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from install" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from install" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from install" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from install" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from help" -f -a "diff" -d 'Show the keys whose values differ between nodes (or that some nodes lack)'
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from help" -f -a "install" -d 'Copy this cdbg binary to --remote-path on every node and verify its checksum'
complete -c cdbg -n "__fish_cdbg_using_subcommand fleet; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and not __fish_seen_subcommand_from list ls get help" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and not __fish_seen_subcommand_from list ls get help" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and not __fish_seen_subcommand_from list ls get help" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and not __fish_seen_subcommand_from list ls get help" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and not __fish_seen_subcommand_from list ls get help" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and not __fish_seen_subcommand_from list ls get help" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and not __fish_seen_subcommand_from list ls get help" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and not __fish_seen_subcommand_from list ls get help" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and not __fish_seen_subcommand_from list ls get help" -f -a "list" -d 'List identities'
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and not __fish_seen_subcommand_from list ls get help" -f -a "ls" -d 'List identities'
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and not __fish_seen_subcommand_from list ls get help" -f -a "get" -d 'Retrieve information about an identity'
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and not __fish_seen_subcommand_from list ls get help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from list" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from list" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from list" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from list" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from list" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from list" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from list" -l endpoints -d 'list identities of locally managed endpoints'
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from list" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from ls" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from ls" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from ls" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from ls" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from ls" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from ls" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from ls" -l endpoints -d 'list identities of locally managed endpoints'
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from ls" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from get" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from get" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from get" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from get" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from get" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from get" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from get" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from help" -f -a "list" -d 'List identities'
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from help" -f -a "get" -d 'Retrieve information about an identity'
complete -c cdbg -n "__fish_cdbg_using_subcommand identity; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and not __fish_seen_subcommand_from list ls get help" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and not __fish_seen_subcommand_from list ls get help" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and not __fish_seen_subcommand_from list ls get help" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and not __fish_seen_subcommand_from list ls get help" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and not __fish_seen_subcommand_from list ls get help" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and not __fish_seen_subcommand_from list ls get help" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and not __fish_seen_subcommand_from list ls get help" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and not __fish_seen_subcommand_from list ls get help" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and not __fish_seen_subcommand_from list ls get help" -f -a "list" -d 'List IP addresses in the userspace IPcache'
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and not __fish_seen_subcommand_from list ls get help" -f -a "ls" -d 'List IP addresses in the userspace IPcache'
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and not __fish_seen_subcommand_from list ls get help" -f -a "get" -d 'Display IP Cache information'
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and not __fish_seen_subcommand_from list ls get help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from list" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from list" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from list" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from list" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from list" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from list" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from list" -s n -l numeric -d 'Print numeric identities'
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print all fields of ipcache'
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from list" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from ls" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from ls" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from ls" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from ls" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from ls" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from ls" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from ls" -s n -l numeric -d 'Print numeric identities'
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'Print all fields of ipcache'
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from ls" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from get" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from get" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from get" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from get" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from get" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from get" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from get" -s n -l numeric -d 'Print numeric identities'
complete -c cdbg -n "__fish_cdbg_using_subcommand ip; and __fish_seen_subcommand_from get" -s v -l verbose -d 'Print all fields of ipcache'
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
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and not __fish_seen_subcommand_from check help" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and not __fish_seen_subcommand_from check help" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and not __fish_seen_subcommand_from check help" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and not __fish_seen_subcommand_from check help" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and not __fish_seen_subcommand_from check help" -f -a "check" -d 'Verify kube-proxy replacement on this node'
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and not __fish_seen_subcommand_from check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and __fish_seen_subcommand_from check" -l devices -d 'KPR devices to check (default: the agent\'s list; without an agent, every non-pod device)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and __fish_seen_subcommand_from check" -l cgroup-root -d 'cgroup2 directory Cilium attaches socket LB to (default /run/cilium/cgroupv2, else the cgroup2 mount)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and __fish_seen_subcommand_from check" -l netns -d 'Network namespace to inspect devices in (an nsfs file such as /var/run/netns/NAME)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and __fish_seen_subcommand_from check" -l iptables-save -d 'Read iptables rules from FILE (iptables-save format) instead of running iptables-save/ip6tables-save' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and __fish_seen_subcommand_from check" -l timeout -d 'Timeout for the agent status request (default 5s, or CDBG_API_TIMEOUT)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and __fish_seen_subcommand_from check" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and __fish_seen_subcommand_from check" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and __fish_seen_subcommand_from check" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and __fish_seen_subcommand_from check" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and __fish_seen_subcommand_from check" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and __fish_seen_subcommand_from check" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and __fish_seen_subcommand_from check" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and __fish_seen_subcommand_from help" -f -a "check" -d 'Verify kube-proxy replacement on this node'
complete -c cdbg -n "__fish_cdbg_using_subcommand kpr; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and not __fish_seen_subcommand_from up down env tour serve reshape mkmap fault fill floor connect ssh-options apiserver help" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and not __fish_seen_subcommand_from up down env tour serve reshape mkmap fault fill floor connect ssh-options apiserver help" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and not __fish_seen_subcommand_from up down env tour serve reshape mkmap fault fill floor connect ssh-options apiserver help" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and not __fish_seen_subcommand_from up down env tour serve reshape mkmap fault fill floor connect ssh-options apiserver help" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and not __fish_seen_subcommand_from up down env tour serve reshape mkmap fault fill floor connect ssh-options apiserver help" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and not __fish_seen_subcommand_from up down env tour serve reshape mkmap fault fill floor connect ssh-options apiserver help" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and not __fish_seen_subcommand_from up down env tour serve reshape mkmap fault fill floor connect ssh-options apiserver help" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and not __fish_seen_subcommand_from up down env tour serve reshape mkmap fault fill floor connect ssh-options apiserver help" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and not __fish_seen_subcommand_from up down env tour serve reshape mkmap fault fill floor connect ssh-options apiserver help" -f -a "up" -d 'Mount a private bpffs under DIR, create the reference node\'s maps, start the stand-in agent and Hubble'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and not __fish_seen_subcommand_from up down env tour serve reshape mkmap fault fill floor connect ssh-options apiserver help" -f -a "down" -d 'Stop the lab\'s servers, unmount its bpffs and remove DIR'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and not __fish_seen_subcommand_from up down env tour serve reshape mkmap fault fill floor connect ssh-options apiserver help" -f -a "env" -d 'Print the environment that points cdbg (and cilium-dbg, hubble) at the lab'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and not __fish_seen_subcommand_from up down env tour serve reshape mkmap fault fill floor connect ssh-options apiserver help" -f -a "tour" -d 'Build a lab, run a guided tour of commands against it, remove it'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and not __fish_seen_subcommand_from up down env tour serve reshape mkmap fault fill floor connect ssh-options apiserver help" -f -a "serve" -d 'Serve the lab\'s agent and Hubble sockets in the foreground (lab up starts this)'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and not __fish_seen_subcommand_from up down env tour serve reshape mkmap fault fill floor connect ssh-options apiserver help" -f -a "reshape" -d 'Test helper: rewrite a lab\'s endpoint-policy, ipcache and node maps in the 1.16 or 1.18 layout'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and not __fish_seen_subcommand_from up down env tour serve reshape mkmap fault fill floor connect ssh-options apiserver help" -f -a "mkmap" -d 'Test helper: create (or replace) an empty map under the lab\'s globals directory, e.g. to give a Cilium map name the wrong type or sizes'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and not __fish_seen_subcommand_from up down env tour serve reshape mkmap fault fill floor connect ssh-options apiserver help" -f -a "fault" -d 'Test helper: inject a named fault into a lab (for doctor\'s tests); `lab fault --dir D list` lists them'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and not __fish_seen_subcommand_from up down env tour serve reshape mkmap fault fill floor connect ssh-options apiserver help" -f -a "fill" -d 'For benchmarks: mount a private bpffs under DIR with only big synthetic CT and NAT maps (remove with `lab down --dir DIR`)'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and not __fish_seen_subcommand_from up down env tour serve reshape mkmap fault fill floor connect ssh-options apiserver help" -f -a "floor" -d 'For benchmarks: walk a pinned map with batch lookups alone (no decoding, no output) and print how many entries it has; the floor cdbg\'s listings are measured against'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and not __fish_seen_subcommand_from up down env tour serve reshape mkmap fault fill floor connect ssh-options apiserver help" -f -a "connect" -d 'ssh ProxyCommand of a multi-node lab: connect stdin/stdout to NODE\'s sshd'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and not __fish_seen_subcommand_from up down env tour serve reshape mkmap fault fill floor connect ssh-options apiserver help" -f -a "ssh-options" -d 'Print the `--ssh-option` flags that reach a multi-node lab\'s nodes over ssh'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and not __fish_seen_subcommand_from up down env tour serve reshape mkmap fault fill floor connect ssh-options apiserver help" -f -a "apiserver" -d 'Serve a multi-node lab\'s stand-in Kubernetes API server in the foreground (`lab up --nodes N --apiserver` starts it)'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and not __fish_seen_subcommand_from up down env tour serve reshape mkmap fault fill floor connect ssh-options apiserver help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from up" -l dir -d 'Lab directory (created if missing)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from up" -l nodes -d 'Build a multi-node lab: N nodes of the reference cluster (1-3), one subdirectory each; the third node differs on purpose (a missing backend, a stale ipcache identity)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from up" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from up" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from up" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from up" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from up" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from up" -l faults -d 'Add broken states for the triage checks: an orphan backend, a service with a missing backend, a near-full NAT map, a stale agent heartbeat'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from up" -l no-serve -d 'Only build the maps; start no agent or Hubble server'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from up" -l ssh -d 'With --nodes: start an sshd inside each node\'s network namespace (for `fleet --via ssh`)'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from up" -l apiserver -d 'With --nodes: start the stand-in Kubernetes API server (kubeconfig in DIR/kubeconfig, for `fleet --via kube`)'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from up" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from up" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from up" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from down" -l dir -d 'Lab directory' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from down" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from down" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from down" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from down" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from down" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from down" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from down" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from down" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from env" -l dir -d 'Lab directory' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from env" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from env" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from env" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from env" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from env" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from env" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from env" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from env" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from tour" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from tour" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from tour" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from tour" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from tour" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from tour" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from tour" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from tour" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from serve" -l dir -d 'Lab directory' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from serve" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from serve" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from serve" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from serve" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from serve" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from serve" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from serve" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from serve" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from reshape" -l dir -d 'Lab directory (from `lab up`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from reshape" -l layout -d 'Cilium release layout to imitate: 1.16 or 1.18' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from reshape" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from reshape" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from reshape" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from reshape" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from reshape" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from reshape" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from reshape" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from reshape" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from mkmap" -l dir -d 'Lab directory' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from mkmap" -l name -d 'Map name (the pin\'s file name)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from mkmap" -l type -d 'Map type: hash, lru_hash, lpm_trie or array' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from mkmap" -l key -d 'Key size in bytes' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from mkmap" -l value -d 'Value size in bytes' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from mkmap" -l max -d 'max_entries' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from mkmap" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from mkmap" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from mkmap" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from mkmap" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from mkmap" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from mkmap" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from mkmap" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from mkmap" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from fault" -l dir -d 'Lab directory (from `lab up`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from fault" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from fault" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from fault" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from fault" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from fault" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from fault" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from fault" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from fault" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from fill" -l dir -d 'Lab directory (created if missing)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from fill" -l ct -d 'Entries for cilium_ct4_global (0 = do not create)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from fill" -l nat -d 'Entries for cilium_snat_v4_external (0 = do not create)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from fill" -l ipcache -d 'Prefixes for cilium_ipcache_v2 (0 = do not create)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from fill" -l lb -d 'Service slots for cilium_lb4_services_v2, and as many backends (0 = do not create)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from fill" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from fill" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from fill" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from fill" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from fill" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from fill" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from fill" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from fill" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from floor" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from floor" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from floor" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from floor" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from floor" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from floor" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from floor" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from floor" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from connect" -l dir -d 'Multi-node lab directory (from `lab up --nodes N`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from connect" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from connect" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from connect" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from connect" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from connect" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from connect" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from connect" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from connect" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from ssh-options" -l dir -d 'Lab directory' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from ssh-options" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from ssh-options" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from ssh-options" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from ssh-options" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from ssh-options" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from ssh-options" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from ssh-options" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from ssh-options" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from apiserver" -l dir -d 'Multi-node lab directory (from `lab up --nodes N`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from apiserver" -l kubeconfig -d 'Where to write the kubeconfig (default DIR/kubeconfig)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from apiserver" -l pods -d 'Simulate N agent pods on N nodes (their commands run on the lab\'s nodes in turn)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from apiserver" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from apiserver" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from apiserver" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from apiserver" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from apiserver" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from apiserver" -l refuse-v5 -d 'Offer only the v4 exec subprotocol (as API servers before 1.29 do)'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from apiserver" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from apiserver" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from apiserver" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "up" -d 'Mount a private bpffs under DIR, create the reference node\'s maps, start the stand-in agent and Hubble'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "down" -d 'Stop the lab\'s servers, unmount its bpffs and remove DIR'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "env" -d 'Print the environment that points cdbg (and cilium-dbg, hubble) at the lab'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "tour" -d 'Build a lab, run a guided tour of commands against it, remove it'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "serve" -d 'Serve the lab\'s agent and Hubble sockets in the foreground (lab up starts this)'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "reshape" -d 'Test helper: rewrite a lab\'s endpoint-policy, ipcache and node maps in the 1.16 or 1.18 layout'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "mkmap" -d 'Test helper: create (or replace) an empty map under the lab\'s globals directory, e.g. to give a Cilium map name the wrong type or sizes'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "fault" -d 'Test helper: inject a named fault into a lab (for doctor\'s tests); `lab fault --dir D list` lists them'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "fill" -d 'For benchmarks: mount a private bpffs under DIR with only big synthetic CT and NAT maps (remove with `lab down --dir DIR`)'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "floor" -d 'For benchmarks: walk a pinned map with batch lookups alone (no decoding, no output) and print how many entries it has; the floor cdbg\'s listings are measured against'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "connect" -d 'ssh ProxyCommand of a multi-node lab: connect stdin/stdout to NODE\'s sshd'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "ssh-options" -d 'Print the `--ssh-option` flags that reach a multi-node lab\'s nodes over ssh'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "apiserver" -d 'Serve a multi-node lab\'s stand-in Kubernetes API server in the foreground (`lab up --nodes N --apiserver` starts it)'
complete -c cdbg -n "__fish_cdbg_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and not __fish_seen_subcommand_from list get help" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and not __fish_seen_subcommand_from list get help" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and not __fish_seen_subcommand_from list get help" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and not __fish_seen_subcommand_from list get help" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and not __fish_seen_subcommand_from list get help" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and not __fish_seen_subcommand_from list get help" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and not __fish_seen_subcommand_from list get help" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and not __fish_seen_subcommand_from list get help" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and not __fish_seen_subcommand_from list get help" -f -a "list" -d 'List all open BPF maps'
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and not __fish_seen_subcommand_from list get help" -f -a "get" -d 'Display cached content of given BPF map'
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and not __fish_seen_subcommand_from list get help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from list" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from list" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from list" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from list" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from list" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from list" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from list" -l verbose -d 'Print cache contents of all maps'
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from list" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from get" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from get" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from get" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from get" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from get" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from get" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from get" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from help" -f -a "list" -d 'List all open BPF maps'
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from help" -f -a "get" -d 'Display cached content of given BPF map'
complete -c cdbg -n "__fish_cdbg_using_subcommand map; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and not __fish_seen_subcommand_from list ls help" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and not __fish_seen_subcommand_from list ls help" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and not __fish_seen_subcommand_from list ls help" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and not __fish_seen_subcommand_from list ls help" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and not __fish_seen_subcommand_from list ls help" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and not __fish_seen_subcommand_from list ls help" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and not __fish_seen_subcommand_from list ls help" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and not __fish_seen_subcommand_from list ls help" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and not __fish_seen_subcommand_from list ls help" -f -a "list" -d 'List nodes'
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and not __fish_seen_subcommand_from list ls help" -f -a "ls" -d 'List nodes'
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and not __fish_seen_subcommand_from list ls help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and __fish_seen_subcommand_from list" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and __fish_seen_subcommand_from list" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and __fish_seen_subcommand_from list" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and __fish_seen_subcommand_from list" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and __fish_seen_subcommand_from list" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and __fish_seen_subcommand_from list" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and __fish_seen_subcommand_from list" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and __fish_seen_subcommand_from ls" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and __fish_seen_subcommand_from ls" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and __fish_seen_subcommand_from ls" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and __fish_seen_subcommand_from ls" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and __fish_seen_subcommand_from ls" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and __fish_seen_subcommand_from ls" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and __fish_seen_subcommand_from ls" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "list" -d 'List nodes'
complete -c cdbg -n "__fish_cdbg_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and not __fish_seen_subcommand_from list ls help" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and not __fish_seen_subcommand_from list ls help" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and not __fish_seen_subcommand_from list ls help" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and not __fish_seen_subcommand_from list ls help" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and not __fish_seen_subcommand_from list ls help" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and not __fish_seen_subcommand_from list ls help" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and not __fish_seen_subcommand_from list ls help" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and not __fish_seen_subcommand_from list ls help" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and not __fish_seen_subcommand_from list ls help" -f -a "list" -d 'List node IDs and the associated IP addresses'
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and not __fish_seen_subcommand_from list ls help" -f -a "ls" -d 'List node IDs and the associated IP addresses'
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and not __fish_seen_subcommand_from list ls help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and __fish_seen_subcommand_from list" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and __fish_seen_subcommand_from list" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and __fish_seen_subcommand_from list" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and __fish_seen_subcommand_from list" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and __fish_seen_subcommand_from list" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and __fish_seen_subcommand_from list" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and __fish_seen_subcommand_from list" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and __fish_seen_subcommand_from ls" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and __fish_seen_subcommand_from ls" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and __fish_seen_subcommand_from ls" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and __fish_seen_subcommand_from ls" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and __fish_seen_subcommand_from ls" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and __fish_seen_subcommand_from ls" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and __fish_seen_subcommand_from ls" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and __fish_seen_subcommand_from help" -f -a "list" -d 'List node IDs and the associated IP addresses'
complete -c cdbg -n "__fish_cdbg_using_subcommand nodeid; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l server -d 'Address of a Hubble server: unix:///path/to/hubble.sock or host:port (no TLS)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l timeout -d 'Hubble server dialing timeout (Go duration, e.g. 5s)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l request-timeout -d 'Timeout of unary calls (status, namespaces) and of the first response of a flow stream' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l last -d 'Get last N flows stored in Hubble\'s buffer' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l first -d 'Get first N flows stored in Hubble\'s buffer' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l since -d 'Filter flows since a specific date: RFC 3339 or relative (e.g. 3s, 4m, 1h)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l until -d 'Filter flows until a specific date: RFC 3339 or relative (e.g. 3s, 4m, 1h)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l uuid -d 'Show the only flow matching this unique flow identifier, if any' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l node-name -d 'Show all flows which match the given node names (e.g. "k8s*", "test-cluster/*.company.com")' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l node-label -d 'Show only flows observed on nodes matching the given label filter' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l from-cluster -d 'Show all flows originating from endpoints known to be in the given cluster name' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l cluster -d 'Show all flows which match the cluster names (e.g. "test-cluster", "prod-*")' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l to-cluster -d 'Show all flows destined to endpoints known to be in the given cluster name' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l protocol -d 'Show only flows which match the given L4/L7 flow protocol (e.g. "udp", "http")' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l tcp-flags -d 'Show only flows which match the given TCP flags (e.g. "syn", "ack", "fin")' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -s t -l type -d 'Filter by event types TYPE[:SUBTYPE] (capture, drop, l7, policy-verdict, trace[:to-endpoint|from-endpoint|...], trace-sock)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l verdict -d 'Show only flows with this verdict [FORWARDED, DROPPED, AUDIT, REDIRECTED, ERROR, TRACED, TRANSLATED]' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l drop-reason-desc -d 'Show only flows which match this drop reason describe (e.g. "POLICY_DENIED", "UNSUPPORTED_L3_PROTOCOL")' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l http-status -d 'Show only flows which match this HTTP status code prefix (e.g. "404", "5+")' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l http-method -d 'Show only flows which match this HTTP method (e.g. "get", "post")' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l http-path -d 'Show only flows which match this HTTP path regular expressions (e.g. "/page/\\\\d+")' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l http-url -d 'Show only flows which match this HTTP URL regular expressions' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l trace-id -d 'Show only flows which match this trace ID' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l from-fqdn -d 'Show all flows originating at the given fully qualified domain name (e.g. "*.cilium.io")' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l fqdn -d 'Show all flows related to the given fully qualified domain name (e.g. "*.cilium.io")' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l to-fqdn -d 'Show all flows terminating at the given fully qualified domain name (e.g. "*.cilium.io")' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l from-ip -d 'Show all flows originating at the given IP address or CIDR (e.g. 1.1.1.1, 1.1.1.0/24)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l snat-ip -d 'Show all flows SNATed with the given IP address or CIDR' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l ip -d 'Show all flows originating or terminating at the given IP address or CIDR' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l to-ip -d 'Show all flows terminating at the given IP address or CIDR' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l ip-version -d 'Show only IPv4, IPv6 flows or non IP flows (e.g. ARP packets) (ie: "none", "v4", "v6")' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l from-pod -d 'Show all flows originating in the given pod name prefix ([namespace/]<pod-name>); namespace default if not given' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l pod -d 'Show all flows related to the given pod name prefix ([namespace/]<pod-name>); namespace default if not given' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l to-pod -d 'Show all flows terminating in the given pod name prefix ([namespace/]<pod-name>); namespace default if not given' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l from-namespace -d 'Show all flows originating in the given Kubernetes namespace' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -s n -l namespace -d 'Show all flows related to the given Kubernetes namespace' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l to-namespace -d 'Show all flows terminating in the given Kubernetes namespace' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l from-label -d 'Show only flows originating in an endpoint with the given labels (e.g. "key1=value1", "reserved:world")' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -s l -l label -d 'Show only flows related to an endpoint with the given labels (e.g. "key1=value1", "reserved:world")' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l to-label -d 'Show only flows terminating in an endpoint with given labels (e.g. "key1=value1", "reserved:world")' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l from-service -d 'Shows flows whose source matches the given service name prefix ([namespace/]<svc-name>)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l service -d 'Shows flows whose source or destination matches the given service name prefix ([namespace/]<svc-name>)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l to-service -d 'Shows flows whose destination matches the given service name prefix ([namespace/]<svc-name>)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l from-port -d 'Show only flows with the given source port (e.g. 8080)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l port -d 'Show only flows with given port in either source or destination (e.g. 8080)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l to-port -d 'Show only flows with the given destination port (e.g. 8080)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l from-workload -d 'Show all flows originating at an endpoint with the given workload' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l workload -d 'Show all flows related to an endpoint with the given workload' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l to-workload -d 'Show all flows terminating at an endpoint with the given workload' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l from-identity -d 'Show all flows originating at an endpoint with the given security identity' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l identity -d 'Show all flows related to an endpoint with the given security identity' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l to-identity -d 'Show all flows terminating at an endpoint with the given security identity' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l traffic-direction -d 'Show all flows in the given traffic direction (either ingress or egress)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l interface -d 'Show all flows observed at the given interface name (e.g. eth0)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -s o -l output -d 'Specify the output format, one of: compact, dict, json, jsonpb, table' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l ip-translation -d 'Translate IP addresses to logical names such as pod name, FQDN, ...' -r -f -a "true\t''
false\t''"
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l time-format -d 'Time format: StampMilli, RFC3339, RFC3339Milli, RFC3339Micro, RFC3339Nano, RFC1123Z' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l field-mask -d 'Comma-separated list of fields for mask. Fields not in the mask will be removed from server response (json/jsonpb output only)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l use-default-field-masks -d 'Request only visible fields when the output format is compact, tab, or dict' -r -f -a "true\t''
false\t''"
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l color -d 'Accepted for compatibility; cdbg never colours its output' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l all -d 'Get all flows stored in Hubble\'s buffer'
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -s f -l follow -d 'Follow flows output'
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l not -d 'Reverses the next filter to be blacklist i.e. --not --from-ip 2.2.2.2'
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -s 4 -l ipv4 -d 'Show only IPv4 flows'
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -s 6 -l ipv6 -d 'Show only IPv6 flows'
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l from-all-namespaces -d 'Show flows originating in any Kubernetes namespace'
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -s A -l all-namespaces -d 'Show all flows in any Kubernetes namespace'
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l to-all-namespaces -d 'Show flows terminating in any Kubernetes namespace'
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l encrypted -d 'Show only encrypted flows'
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l unencrypted -d 'Show only unencrypted flows'
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l print-node-name -d 'Print the node name in each output line'
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l numeric -d 'Display all information in numeric form (no pod or service names)'
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -l print-policy-names -d 'Print policy names in output (compact: `ALLOWED BY <name> (<kind>)`)'
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -f -a "status" -d 'Display status of the Hubble server (health check, then flows, rate, uptime, version)'
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -f -a "namespaces" -d 'List namespaces with recent flows'
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and not __fish_seen_subcommand_from status namespaces help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format: compact, dict, json, table' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and __fish_seen_subcommand_from status" -l server -d 'Address of a Hubble server: unix:///path/to/hubble.sock or host:port (no TLS)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and __fish_seen_subcommand_from status" -l timeout -d 'Hubble server dialing timeout (Go duration, e.g. 5s)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and __fish_seen_subcommand_from status" -l request-timeout -d 'Timeout of unary calls (status, namespaces) and of the first response of a flow stream' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and __fish_seen_subcommand_from status" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and __fish_seen_subcommand_from status" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and __fish_seen_subcommand_from status" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and __fish_seen_subcommand_from status" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and __fish_seen_subcommand_from status" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and __fish_seen_subcommand_from status" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and __fish_seen_subcommand_from namespaces" -s o -l output -d 'Output format: json, table, wide' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and __fish_seen_subcommand_from namespaces" -l server -d 'Address of a Hubble server: unix:///path/to/hubble.sock or host:port (no TLS)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and __fish_seen_subcommand_from namespaces" -l timeout -d 'Hubble server dialing timeout (Go duration, e.g. 5s)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and __fish_seen_subcommand_from namespaces" -l request-timeout -d 'Timeout of unary calls (status, namespaces) and of the first response of a flow stream' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and __fish_seen_subcommand_from namespaces" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and __fish_seen_subcommand_from namespaces" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and __fish_seen_subcommand_from namespaces" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and __fish_seen_subcommand_from namespaces" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and __fish_seen_subcommand_from namespaces" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and __fish_seen_subcommand_from namespaces" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and __fish_seen_subcommand_from namespaces" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and __fish_seen_subcommand_from namespaces" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and __fish_seen_subcommand_from help" -f -a "status" -d 'Display status of the Hubble server (health check, then flows, rate, uptime, version)'
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and __fish_seen_subcommand_from help" -f -a "namespaces" -d 'List namespaces with recent flows'
complete -c cdbg -n "__fish_cdbg_using_subcommand observe; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and not __fish_seen_subcommand_from kernel help" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and not __fish_seen_subcommand_from kernel help" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and not __fish_seen_subcommand_from kernel help" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and not __fish_seen_subcommand_from kernel help" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and not __fish_seen_subcommand_from kernel help" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and not __fish_seen_subcommand_from kernel help" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and not __fish_seen_subcommand_from kernel help" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and not __fish_seen_subcommand_from kernel help" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and not __fish_seen_subcommand_from kernel help" -f -a "kernel" -d 'Check the kernel against Cilium\'s system requirements'
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and not __fish_seen_subcommand_from kernel help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and __fish_seen_subcommand_from kernel" -l kernel-config -d 'Read the kernel config from FILE (plain or gzip) instead of /proc/config.gz or /boot/config-<release>' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and __fish_seen_subcommand_from kernel" -l release -d 'Check this kernel release instead of the running one (e.g. from another node)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and __fish_seen_subcommand_from kernel" -l arch -d 'Check this architecture instead of the running one' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and __fish_seen_subcommand_from kernel" -l modules -d 'Read loaded modules from FILE (in /proc/modules format) instead of /proc/modules' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and __fish_seen_subcommand_from kernel" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and __fish_seen_subcommand_from kernel" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and __fish_seen_subcommand_from kernel" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and __fish_seen_subcommand_from kernel" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and __fish_seen_subcommand_from kernel" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and __fish_seen_subcommand_from kernel" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and __fish_seen_subcommand_from kernel" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and __fish_seen_subcommand_from kernel" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and __fish_seen_subcommand_from kernel" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and __fish_seen_subcommand_from help" -f -a "kernel" -d 'Check the kernel against Cilium\'s system requirements'
complete -c cdbg -n "__fish_cdbg_using_subcommand preflight; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and not __fish_seen_subcommand_from list ls get help" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and not __fish_seen_subcommand_from list ls get help" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and not __fish_seen_subcommand_from list ls get help" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and not __fish_seen_subcommand_from list ls get help" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and not __fish_seen_subcommand_from list ls get help" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and not __fish_seen_subcommand_from list ls get help" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and not __fish_seen_subcommand_from list ls get help" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and not __fish_seen_subcommand_from list ls get help" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and not __fish_seen_subcommand_from list ls get help" -f -a "list" -d 'List services'
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and not __fish_seen_subcommand_from list ls get help" -f -a "ls" -d 'List services'
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and not __fish_seen_subcommand_from list ls get help" -f -a "get" -d 'Display service information'
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and not __fish_seen_subcommand_from list ls get help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from list" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from list" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from list" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from list" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from list" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from list" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from list" -l clustermesh-affinity -d 'Print clustermesh affinity (preferred backends)'
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from list" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from ls" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from ls" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from ls" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from ls" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from ls" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from ls" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from ls" -l clustermesh-affinity -d 'Print clustermesh affinity (preferred backends)'
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from ls" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from get" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from get" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from get" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from get" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from get" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from get" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from get" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "list" -d 'List services'
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "get" -d 'Display service information'
complete -c cdbg -n "__fish_cdbg_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and not __fish_seen_subcommand_from save info diff help" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and not __fish_seen_subcommand_from save info diff help" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and not __fish_seen_subcommand_from save info diff help" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and not __fish_seen_subcommand_from save info diff help" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and not __fish_seen_subcommand_from save info diff help" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and not __fish_seen_subcommand_from save info diff help" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and not __fish_seen_subcommand_from save info diff help" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and not __fish_seen_subcommand_from save info diff help" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and not __fish_seen_subcommand_from save info diff help" -f -a "save" -d 'Save this node\'s maps, agent answers, Hubble flows and clocks into one file'
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and not __fish_seen_subcommand_from save info diff help" -f -a "info" -d 'Describe a snapshot: node, versions, times, maps, answers and flows inside'
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and not __fish_seen_subcommand_from save info diff help" -f -a "diff" -d 'Compare two snapshots map by map (exit 0 identical, 1 different)'
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and not __fish_seen_subcommand_from save info diff help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l max-size -d 'Largest file to write (bytes, or with KiB/MiB/GiB)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l flows -d 'Hubble flows to save (the last N)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l agent-timeout -d 'Timeout of each agent and Hubble request (Go duration)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l hubble-server -d 'Address of the Hubble server' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from save" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from save" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from save" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from save" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from info" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from info" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from info" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from info" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from info" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from info" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from info" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from diff" -l map -d 'Compare only this map (pinned name)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from diff" -s o -l output -d 'Output format: text (default) or jsonl (one change per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from diff" -l ip -d 'Only entries with this IP or CIDR on either side' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from diff" -l src -d 'Only entries whose source is in this IP or CIDR' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from diff" -l dst -d 'Only entries whose destination is in this IP or CIDR' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from diff" -l port -d 'Only entries with this port on either side' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from diff" -l sport -d 'Only entries with this source port' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from diff" -l dport -d 'Only entries with this destination port' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from diff" -l proto -d 'Only entries of this protocol (TCP, UDP, ICMP, ICMPv6, SCTP or a number)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from diff" -l flags -d 'Only entries with all these flags set (names as printed, comma-separated)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from diff" -l identity -d 'Only entries of this security identity' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from diff" -l state -d 'Only backends in this state' -r -f -a "active\t''
terminating\t''
quarantined\t''
maintenance\t''"
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from diff" -l service -d 'Only entries of this service: a frontend IP:port or a service (rev-NAT) ID' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from diff" -l top -d 'Print the N largest groups of matching entries (with --by)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from diff" -l by -d 'What --top groups by' -r -f -a "src\t''
dst\t''
sport\t''
dport\t''
proto\t''
service\t''
identity\t''"
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from diff" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from diff" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from diff" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from diff" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from diff" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from diff" -l count -d 'Print only the number of matching entries'
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from diff" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from diff" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from help" -f -a "save" -d 'Save this node\'s maps, agent answers, Hubble flows and clocks into one file'
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from help" -f -a "info" -d 'Describe a snapshot: node, versions, times, maps, answers and flows inside'
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from help" -f -a "diff" -d 'Compare two snapshots map by map (exit 0 identical, 1 different)'
complete -c cdbg -n "__fish_cdbg_using_subcommand snapshot; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand status" -l timeout -d 'Sets the timeout to use when querying for health (default 30s, or CDBG_API_TIMEOUT)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand status" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand status" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand status" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand status" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand status" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand status" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand status" -l all-addresses -d 'Show all allocated addresses, not just count'
complete -c cdbg -n "__fish_cdbg_using_subcommand status" -l all-controllers -d 'Show all controllers, not just failing'
complete -c cdbg -n "__fish_cdbg_using_subcommand status" -l all-nodes -d 'Show all nodes, not just localhost'
complete -c cdbg -n "__fish_cdbg_using_subcommand status" -l all-redirects -d 'Show all redirects'
complete -c cdbg -n "__fish_cdbg_using_subcommand status" -l all-clusters -d 'Show all clusters'
complete -c cdbg -n "__fish_cdbg_using_subcommand status" -l all-health -d 'Show all health status, not just failing'
complete -c cdbg -n "__fish_cdbg_using_subcommand status" -l brief -d 'Only print a one-line status message'
complete -c cdbg -n "__fish_cdbg_using_subcommand status" -l verbose -d 'Equivalent to --all-addresses --all-controllers --all-nodes --all-redirects --all-clusters --all-health'
complete -c cdbg -n "__fish_cdbg_using_subcommand status" -l from-maps -d 'Don\'t ask the agent: summarise what the pinned BPF maps say (cdbg)'
complete -c cdbg -n "__fish_cdbg_using_subcommand status" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand status" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand status" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand version" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand version" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand version" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand version" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand version" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand version" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand version" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand version" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand version" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand completion" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand completion" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand completion" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand completion" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand completion" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand completion" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand completion" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand completion" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and not __fish_seen_subcommand_from completions man help" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and not __fish_seen_subcommand_from completions man help" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and not __fish_seen_subcommand_from completions man help" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and not __fish_seen_subcommand_from completions man help" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and not __fish_seen_subcommand_from completions man help" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
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
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and __fish_seen_subcommand_from completions" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and __fish_seen_subcommand_from completions" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and __fish_seen_subcommand_from completions" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and __fish_seen_subcommand_from completions" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and __fish_seen_subcommand_from man" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and __fish_seen_subcommand_from man" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and __fish_seen_subcommand_from man" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and __fish_seen_subcommand_from man" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and __fish_seen_subcommand_from man" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and __fish_seen_subcommand_from man" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and __fish_seen_subcommand_from man" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and __fish_seen_subcommand_from man" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and __fish_seen_subcommand_from help" -f -a "completions" -d 'Write bash, zsh and fish completions into DIR'
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and __fish_seen_subcommand_from help" -f -a "man" -d 'Write one man page per command into DIR'
complete -c cdbg -n "__fish_cdbg_using_subcommand generate; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config egress frag fs ipmasq maps metrics nodeid pressure usage tunnel ct nat lb endpoint ipcache policy help" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config egress frag fs ipmasq maps metrics nodeid pressure usage tunnel ct nat lb endpoint ipcache policy help" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config egress frag fs ipmasq maps metrics nodeid pressure usage tunnel ct nat lb endpoint ipcache policy help" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config egress frag fs ipmasq maps metrics nodeid pressure usage tunnel ct nat lb endpoint ipcache policy help" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config egress frag fs ipmasq maps metrics nodeid pressure usage tunnel ct nat lb endpoint ipcache policy help" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config egress frag fs ipmasq maps metrics nodeid pressure usage tunnel ct nat lb endpoint ipcache policy help" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config egress frag fs ipmasq maps metrics nodeid pressure usage tunnel ct nat lb endpoint ipcache policy help" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config egress frag fs ipmasq maps metrics nodeid pressure usage tunnel ct nat lb endpoint ipcache policy help" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config egress frag fs ipmasq maps metrics nodeid pressure usage tunnel ct nat lb endpoint ipcache policy help" -f -a "auth" -d 'Manage authenticated connections between identities'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config egress frag fs ipmasq maps metrics nodeid pressure usage tunnel ct nat lb endpoint ipcache policy help" -f -a "bandwidth" -d 'BPF datapath bandwidth settings'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config egress frag fs ipmasq maps metrics nodeid pressure usage tunnel ct nat lb endpoint ipcache policy help" -f -a "config" -d 'Manage runtime config'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config egress frag fs ipmasq maps metrics nodeid pressure usage tunnel ct nat lb endpoint ipcache policy help" -f -a "egress" -d 'Manage the egress routing rules'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config egress frag fs ipmasq maps metrics nodeid pressure usage tunnel ct nat lb endpoint ipcache policy help" -f -a "frag" -d 'Manage the IPv4 fragment tracking map'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config egress frag fs ipmasq maps metrics nodeid pressure usage tunnel ct nat lb endpoint ipcache policy help" -f -a "fs" -d 'BPF filesystem mount'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config egress frag fs ipmasq maps metrics nodeid pressure usage tunnel ct nat lb endpoint ipcache policy help" -f -a "ipmasq" -d 'ip-masq-agent CIDRs'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config egress frag fs ipmasq maps metrics nodeid pressure usage tunnel ct nat lb endpoint ipcache policy help" -f -a "maps" -d 'Every pinned Cilium map: type, entries, limits, memlock (cdbg)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config egress frag fs ipmasq maps metrics nodeid pressure usage tunnel ct nat lb endpoint ipcache policy help" -f -a "metrics" -d 'BPF datapath traffic metrics'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config egress frag fs ipmasq maps metrics nodeid pressure usage tunnel ct nat lb endpoint ipcache policy help" -f -a "nodeid" -d 'Manage the node IDs'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config egress frag fs ipmasq maps metrics nodeid pressure usage tunnel ct nat lb endpoint ipcache policy help" -f -a "pressure" -d 'Fill level of every pinned map: entries, max, fill %, memlock (cdbg)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config egress frag fs ipmasq maps metrics nodeid pressure usage tunnel ct nat lb endpoint ipcache policy help" -f -a "usage" -d 'Fill level of every pinned map: entries, max, fill %, memlock (cdbg)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config egress frag fs ipmasq maps metrics nodeid pressure usage tunnel ct nat lb endpoint ipcache policy help" -f -a "tunnel" -d 'Tunnel endpoint map'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config egress frag fs ipmasq maps metrics nodeid pressure usage tunnel ct nat lb endpoint ipcache policy help" -f -a "ct" -d 'Connection tracking tables'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config egress frag fs ipmasq maps metrics nodeid pressure usage tunnel ct nat lb endpoint ipcache policy help" -f -a "nat" -d 'NAT mapping tables'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config egress frag fs ipmasq maps metrics nodeid pressure usage tunnel ct nat lb endpoint ipcache policy help" -f -a "lb" -d 'Load-balancing configuration'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config egress frag fs ipmasq maps metrics nodeid pressure usage tunnel ct nat lb endpoint ipcache policy help" -f -a "endpoint" -d 'Local endpoint map'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config egress frag fs ipmasq maps metrics nodeid pressure usage tunnel ct nat lb endpoint ipcache policy help" -f -a "ipcache" -d 'Manage the IPCache mappings for IPs to Endpoints'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config egress frag fs ipmasq maps metrics nodeid pressure usage tunnel ct nat lb endpoint ipcache policy help" -f -a "policy" -d 'Manage policy related BPF maps'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and not __fish_seen_subcommand_from auth bandwidth config egress frag fs ipmasq maps metrics nodeid pressure usage tunnel ct nat lb endpoint ipcache policy help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from auth" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from auth" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from auth" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from auth" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from auth" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from auth" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from auth" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from auth" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from auth" -f -a "list" -d 'List all authenticated connections between identities'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from auth" -f -a "ls" -d 'List all authenticated connections between identities'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from auth" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from bandwidth" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from bandwidth" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from bandwidth" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from bandwidth" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from bandwidth" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from bandwidth" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from bandwidth" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from bandwidth" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from bandwidth" -f -a "list" -d 'List BPF datapath bandwidth settings'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from bandwidth" -f -a "ls" -d 'List BPF datapath bandwidth settings'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from bandwidth" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from config" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from config" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from config" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from config" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from config" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from config" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from config" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from config" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from config" -f -a "list" -d 'List all runtime config entries'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from config" -f -a "ls" -d 'List all runtime config entries'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from config" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from egress" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from egress" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from egress" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from egress" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from egress" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from egress" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from egress" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from egress" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from egress" -f -a "list" -d 'List egress policy entries'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from egress" -f -a "ls" -d 'List egress policy entries'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from egress" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from frag" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from frag" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from frag" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from frag" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from frag" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from frag" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from frag" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from frag" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from frag" -f -a "list" -d 'List IPv4 datagram fragments'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from frag" -f -a "ls" -d 'List IPv4 datagram fragments'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from frag" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from fs" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from fs" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from fs" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from fs" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from fs" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from fs" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from fs" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from fs" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from fs" -f -a "show" -d 'Show bpf filesystem mount details'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from fs" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipmasq" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipmasq" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipmasq" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipmasq" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipmasq" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipmasq" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipmasq" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipmasq" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipmasq" -f -a "list" -d 'List ip-masq-agent CIDRs'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipmasq" -f -a "ls" -d 'List ip-masq-agent CIDRs'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipmasq" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from maps" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from maps" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from maps" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from maps" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from maps" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from maps" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from maps" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from maps" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from maps" -f -a "list" -d 'List every pinned map: type, key/value sizes, entries, max entries, memlock'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from maps" -f -a "ls" -d 'List every pinned map: type, key/value sizes, entries, max entries, memlock'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from maps" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from metrics" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from metrics" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from metrics" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from metrics" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from metrics" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from metrics" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from metrics" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from metrics" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from metrics" -f -a "list" -d 'List BPF datapath traffic metrics'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from metrics" -f -a "ls" -d 'List BPF datapath traffic metrics'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from metrics" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nodeid" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nodeid" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nodeid" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nodeid" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nodeid" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nodeid" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nodeid" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nodeid" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nodeid" -f -a "list" -d 'List node IDs and their IP addresses'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nodeid" -f -a "ls" -d 'List node IDs and their IP addresses'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nodeid" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from pressure" -l min-fill -d 'Only maps at or above this fill level (percent)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from pressure" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from pressure" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from pressure" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from pressure" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from pressure" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from pressure" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from pressure" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from pressure" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from pressure" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from usage" -l min-fill -d 'Only maps at or above this fill level (percent)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from usage" -s o -l output -d 'json| yaml| jsonpath=\'{}\'| jsonl (typed records, one per line)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from usage" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from usage" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from usage" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from usage" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from usage" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from usage" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from usage" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from usage" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from tunnel" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from tunnel" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from tunnel" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from tunnel" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from tunnel" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from tunnel" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from tunnel" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from tunnel" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from tunnel" -f -a "list" -d 'List tunnel endpoint entries'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from tunnel" -f -a "ls" -d 'List tunnel endpoint entries'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from tunnel" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ct" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ct" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ct" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ct" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ct" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ct" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ct" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ct" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ct" -f -a "flush" -d 'Flush all connection tracking entries'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ct" -f -a "list" -d 'List connection tracking entries'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ct" -f -a "ls" -d 'List connection tracking entries'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ct" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nat" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nat" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nat" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nat" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nat" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nat" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nat" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nat" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nat" -f -a "flush" -d 'Flush all NAT mapping entries'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nat" -f -a "list" -d 'List all NAT mapping entries'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nat" -f -a "ls" -d 'List all NAT mapping entries'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from nat" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from lb" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from lb" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from lb" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from lb" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from lb" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from lb" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from lb" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from lb" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from lb" -f -a "maglev" -d 'Maglev lookup tables'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from lb" -f -a "list" -d 'List load-balancing configuration'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from lb" -f -a "ls" -d 'List load-balancing configuration'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from lb" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from endpoint" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from endpoint" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from endpoint" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from endpoint" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from endpoint" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from endpoint" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from endpoint" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from endpoint" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from endpoint" -f -a "delete" -d 'Delete local endpoint entries'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from endpoint" -f -a "list" -d 'List local endpoint entries'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from endpoint" -f -a "ls" -d 'List local endpoint entries'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from endpoint" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipcache" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipcache" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipcache" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipcache" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipcache" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipcache" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipcache" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipcache" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipcache" -f -a "get" -d 'Retrieve identity for an ip'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipcache" -f -a "list" -d 'List endpoint IPs (local and remote) and their corresponding security identities'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipcache" -f -a "ls" -d 'List endpoint IPs (local and remote) and their corresponding security identities'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from ipcache" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from policy" -l bpf-root -d 'Root of the BPF filesystem holding Cilium\'s pins (maps under <root>/tc/globals)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from policy" -s H -l host -d 'URI to server-side API (unix:///path or tcp://host:port)' -r
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from policy" -l config -d 'Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from policy" -l state-dir -d 'Directory of the agent\'s state files (agent-runtime-config.json)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from policy" -l from -d 'Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)' -r -F
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from policy" -s D -l debug -d 'Enable debug messages'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from policy" -s h -l help -d 'Print help'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from policy" -s V -l version -d 'Print version'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from policy" -f -a "get" -d 'Get contents of a policy BPF map'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from policy" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "auth" -d 'Manage authenticated connections between identities'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "bandwidth" -d 'BPF datapath bandwidth settings'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "config" -d 'Manage runtime config'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "egress" -d 'Manage the egress routing rules'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "frag" -d 'Manage the IPv4 fragment tracking map'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "fs" -d 'BPF filesystem mount'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "ipmasq" -d 'ip-masq-agent CIDRs'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "maps" -d 'Every pinned Cilium map: type, entries, limits, memlock (cdbg)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "metrics" -d 'BPF datapath traffic metrics'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "nodeid" -d 'Manage the node IDs'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "pressure" -d 'Fill level of every pinned map: entries, max, fill %, memlock (cdbg)'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "tunnel" -d 'Tunnel endpoint map'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "ct" -d 'Connection tracking tables'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "nat" -d 'NAT mapping tables'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "lb" -d 'Load-balancing configuration'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "endpoint" -d 'Local endpoint map'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "ipcache" -d 'Manage the IPCache mappings for IPs to Endpoints'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "policy" -d 'Manage policy related BPF maps'
complete -c cdbg -n "__fish_cdbg_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from config debuginfo doctor endpoint explain fleet identity ip kpr lab map node nodeid observe preflight service snapshot status version completion generate bpf help" -f -a "config" -d 'Cilium configuration options'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from config debuginfo doctor endpoint explain fleet identity ip kpr lab map node nodeid observe preflight service snapshot status version completion generate bpf help" -f -a "debuginfo" -d 'Request available debugging information from agent'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from config debuginfo doctor endpoint explain fleet identity ip kpr lab map node nodeid observe preflight service snapshot status version completion generate bpf help" -f -a "doctor" -d 'Node triage: run every check and name the offender (cdbg)'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from config debuginfo doctor endpoint explain fleet identity ip kpr lab map node nodeid observe preflight service snapshot status version completion generate bpf help" -f -a "endpoint" -d 'Manage endpoints'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from config debuginfo doctor endpoint explain fleet identity ip kpr lab map node nodeid observe preflight service snapshot status version completion generate bpf help" -f -a "explain" -d 'Explain what the datapath does to one connection, from the maps (cdbg)'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from config debuginfo doctor endpoint explain fleet identity ip kpr lab map node nodeid observe preflight service snapshot status version completion generate bpf help" -f -a "fleet" -d 'Run a cdbg command on many nodes and merge the results (cdbg)'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from config debuginfo doctor endpoint explain fleet identity ip kpr lab map node nodeid observe preflight service snapshot status version completion generate bpf help" -f -a "identity" -d 'Manage security identities'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from config debuginfo doctor endpoint explain fleet identity ip kpr lab map node nodeid observe preflight service snapshot status version completion generate bpf help" -f -a "ip" -d 'Manage IP addresses and associated information'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from config debuginfo doctor endpoint explain fleet identity ip kpr lab map node nodeid observe preflight service snapshot status version completion generate bpf help" -f -a "kpr" -d 'Kube-proxy replacement checks for this node (cdbg)'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from config debuginfo doctor endpoint explain fleet identity ip kpr lab map node nodeid observe preflight service snapshot status version completion generate bpf help" -f -a "lab" -d 'A sandbox Cilium node for trying cdbg (cdbg)'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from config debuginfo doctor endpoint explain fleet identity ip kpr lab map node nodeid observe preflight service snapshot status version completion generate bpf help" -f -a "map" -d 'Access userspace cached content of BPF maps'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from config debuginfo doctor endpoint explain fleet identity ip kpr lab map node nodeid observe preflight service snapshot status version completion generate bpf help" -f -a "node" -d 'Manage cluster nodes'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from config debuginfo doctor endpoint explain fleet identity ip kpr lab map node nodeid observe preflight service snapshot status version completion generate bpf help" -f -a "nodeid" -d 'List node IDs and associated information'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from config debuginfo doctor endpoint explain fleet identity ip kpr lab map node nodeid observe preflight service snapshot status version completion generate bpf help" -f -a "observe" -d 'Observe flows of a Hubble server (cdbg)'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from config debuginfo doctor endpoint explain fleet identity ip kpr lab map node nodeid observe preflight service snapshot status version completion generate bpf help" -f -a "preflight" -d 'Node requirement checks (cdbg)'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from config debuginfo doctor endpoint explain fleet identity ip kpr lab map node nodeid observe preflight service snapshot status version completion generate bpf help" -f -a "service" -d 'Manage services & loadbalancers'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from config debuginfo doctor endpoint explain fleet identity ip kpr lab map node nodeid observe preflight service snapshot status version completion generate bpf help" -f -a "snapshot" -d 'Save the node into a file, describe or compare such files (cdbg)'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from config debuginfo doctor endpoint explain fleet identity ip kpr lab map node nodeid observe preflight service snapshot status version completion generate bpf help" -f -a "status" -d 'Display status of daemon'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from config debuginfo doctor endpoint explain fleet identity ip kpr lab map node nodeid observe preflight service snapshot status version completion generate bpf help" -f -a "version" -d 'Print version information'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from config debuginfo doctor endpoint explain fleet identity ip kpr lab map node nodeid observe preflight service snapshot status version completion generate bpf help" -f -a "completion" -d 'Output shell completion code'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from config debuginfo doctor endpoint explain fleet identity ip kpr lab map node nodeid observe preflight service snapshot status version completion generate bpf help" -f -a "generate" -d 'Write completions and man pages (for packaging)'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from config debuginfo doctor endpoint explain fleet identity ip kpr lab map node nodeid observe preflight service snapshot status version completion generate bpf help" -f -a "bpf" -d 'Direct access to local BPF maps'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and not __fish_seen_subcommand_from config debuginfo doctor endpoint explain fleet identity ip kpr lab map node nodeid observe preflight service snapshot status version completion generate bpf help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from endpoint" -f -a "list" -d 'List all endpoints'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from endpoint" -f -a "get" -d 'Display endpoint information'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from fleet" -f -a "diff" -d 'Show the keys whose values differ between nodes (or that some nodes lack)'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from fleet" -f -a "install" -d 'Copy this cdbg binary to --remote-path on every node and verify its checksum'
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
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from lab" -f -a "reshape" -d 'Test helper: rewrite a lab\'s endpoint-policy, ipcache and node maps in the 1.16 or 1.18 layout'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from lab" -f -a "mkmap" -d 'Test helper: create (or replace) an empty map under the lab\'s globals directory, e.g. to give a Cilium map name the wrong type or sizes'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from lab" -f -a "fault" -d 'Test helper: inject a named fault into a lab (for doctor\'s tests); `lab fault --dir D list` lists them'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from lab" -f -a "fill" -d 'For benchmarks: mount a private bpffs under DIR with only big synthetic CT and NAT maps (remove with `lab down --dir DIR`)'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from lab" -f -a "floor" -d 'For benchmarks: walk a pinned map with batch lookups alone (no decoding, no output) and print how many entries it has; the floor cdbg\'s listings are measured against'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from lab" -f -a "connect" -d 'ssh ProxyCommand of a multi-node lab: connect stdin/stdout to NODE\'s sshd'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from lab" -f -a "ssh-options" -d 'Print the `--ssh-option` flags that reach a multi-node lab\'s nodes over ssh'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from lab" -f -a "apiserver" -d 'Serve a multi-node lab\'s stand-in Kubernetes API server in the foreground (`lab up --nodes N --apiserver` starts it)'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from map" -f -a "list" -d 'List all open BPF maps'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from map" -f -a "get" -d 'Display cached content of given BPF map'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "list" -d 'List nodes'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from nodeid" -f -a "list" -d 'List node IDs and the associated IP addresses'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from observe" -f -a "status" -d 'Display status of the Hubble server (health check, then flows, rate, uptime, version)'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from observe" -f -a "namespaces" -d 'List namespaces with recent flows'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from preflight" -f -a "kernel" -d 'Check the kernel against Cilium\'s system requirements'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "list" -d 'List services'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "get" -d 'Display service information'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from snapshot" -f -a "save" -d 'Save this node\'s maps, agent answers, Hubble flows and clocks into one file'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from snapshot" -f -a "info" -d 'Describe a snapshot: node, versions, times, maps, answers and flows inside'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from snapshot" -f -a "diff" -d 'Compare two snapshots map by map (exit 0 identical, 1 different)'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from generate" -f -a "completions" -d 'Write bash, zsh and fish completions into DIR'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from generate" -f -a "man" -d 'Write one man page per command into DIR'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "auth" -d 'Manage authenticated connections between identities'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "bandwidth" -d 'BPF datapath bandwidth settings'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "config" -d 'Manage runtime config'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "egress" -d 'Manage the egress routing rules'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "frag" -d 'Manage the IPv4 fragment tracking map'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "fs" -d 'BPF filesystem mount'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "ipmasq" -d 'ip-masq-agent CIDRs'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "maps" -d 'Every pinned Cilium map: type, entries, limits, memlock (cdbg)'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "metrics" -d 'BPF datapath traffic metrics'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "nodeid" -d 'Manage the node IDs'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "pressure" -d 'Fill level of every pinned map: entries, max, fill %, memlock (cdbg)'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "tunnel" -d 'Tunnel endpoint map'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "ct" -d 'Connection tracking tables'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "nat" -d 'NAT mapping tables'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "lb" -d 'Load-balancing configuration'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "endpoint" -d 'Local endpoint map'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "ipcache" -d 'Manage the IPCache mappings for IPs to Endpoints'
complete -c cdbg -n "__fish_cdbg_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "policy" -d 'Manage policy related BPF maps'
