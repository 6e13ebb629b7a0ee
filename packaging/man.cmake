# Writes the manual pages koers.1 and koers-serve.1 from the text of `koers --help` and of every
# subcommand's --help (and their subcommands'), so the manual and the help never disagree.
# Run at build time:  cmake -DKOERS=<path of koers> -DVERSION=<x.y.z> -DOUT=<dir> -P man.cmake
cmake_minimum_required(VERSION 3.20)

# roff: a backslash is written \e, and a line starting with . or ' would be a request.
function(roff_escape text out)
  string(REPLACE "\\" "\\e" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

function(help_of words out)
  execute_process(COMMAND ${KOERS} ${words} --help OUTPUT_VARIABLE text RESULT_VARIABLE rc
                  ERROR_QUIET)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "koers ${words} --help failed (${rc})")
  endif()
  # The usage line names the program by the path it was run from.
  string(REPLACE "${KOERS}" "koers" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# The subcommands a help text lists, in its order.
function(subcommands_of text out)
  set(names "")
  string(FIND "${text}" "\nSubcommands:\n" at)
  if(at GREATER -1)
    string(SUBSTRING "${text}" ${at} -1 rest)
    string(REGEX MATCHALL "\n  [a-z][a-z-]*" found "${rest}")
    foreach(name IN LISTS found)
      string(STRIP "${name}" name)
      list(APPEND names ${name})
    endforeach()
  endif()
  set(${out} "${names}" PARENT_SCOPE)
endfunction()

function(section_for words out)
  help_of("${words}" text)
  roff_escape("${text}" escaped)
  string(REPLACE ";" " " title "${words}")
  set(page ".SS koers ${title}\n.nf\n${escaped}\n.fi\n")
  subcommands_of("${text}" subs)
  foreach(sub IN LISTS subs)
    section_for("${words};${sub}" sub_page)
    string(APPEND page "${sub_page}")
  endforeach()
  set(${out} "${page}" PARENT_SCOPE)
endfunction()

set(exit_status [=[
.SH EXIT STATUS
.TP
.B 0
done: advice given, rules fine, tests passed, chain intact
.TP
.B 1
some input was rejected: a case file with errors, a failed test, a mismatch in a replay, a broken audit chain
.TP
.B 2
usage error, or rules, policy or a file that cannot be used
.PP
Each subcommand's own meaning is in the README that comes with the package
(/usr/share/doc/koers/README.md).
]=])

set(files [=[
.SH FILES
.TP
/usr/share/koers/rules, /usr/share/koers/policies
the national guideline as rules, and its policy (the default without \-\-rules and \-\-policy)
.TP
/usr/share/koers/examples
example case files
.TP
/etc/default/koers
the options of the koers service (systemd unit koers.service)
.TP
/var/lib/koers/audit.jsonl
the service's audit log
.SH ENVIRONMENT
.TP
KOERS_RULES, KOERS_POLICY
another default rule set directory or policy file
.TP
KOERS_CACHE_DIR
where parsed rule files are cached (off: no cache)
]=])

help_of("" overview)
roff_escape("${overview}" overview_roff)
subcommands_of("${overview}" commands)
set(sections "")
foreach(command IN LISTS commands)
  section_for("${command}" page)
  string(APPEND sections "${page}")
endforeach()

file(WRITE ${OUT}/koers.1
".TH KOERS 1 \"\" \"koers ${VERSION}\" \"User Commands\"
.SH NAME
koers \\- advice for multiprobleemgezinnen from rules that people can read, check and test
.SH SYNOPSIS
.B koers
[\\fIOPTIONS\\fR] \\fICOMMAND\\fR ...
.SH DESCRIPTION
.nf
${overview_roff}
.fi
.SH COMMANDS
${sections}${exit_status}${files}.SH SEE ALSO
.BR koers-serve (1)
")

help_of("serve" serve_help)
roff_escape("${serve_help}" serve_roff)
file(WRITE ${OUT}/koers-serve.1
".TH KOERS-SERVE 1 \"\" \"koers ${VERSION}\" \"User Commands\"
.SH NAME
koers-serve \\- advice over HTTP, with a web page for caseworkers
.SH SYNOPSIS
.B koers serve
[\\fIOPTIONS\\fR]
.SH DESCRIPTION
koers serve runs this program; it takes the same options. The systemd unit koers.service runs it
with the options in /etc/default/koers. Operations (identity, audit, rotation, metrics, backup,
upgrade, capacity): /usr/share/doc/koers/operations.md.
.PP
.nf
${serve_roff}
.fi
.SH SIGNALS
.TP
SIGTERM, SIGINT
finish the requests in flight, then exit 0
.TP
SIGHUP
reload rules and policy (kept only when they check), and reopen the audit log
.TP
SIGUSR1
reopen the audit log (after a rotation)
.SH SEE ALSO
.BR koers (1)
")
