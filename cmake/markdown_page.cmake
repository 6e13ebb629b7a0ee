# Turns one of docs/*.md into a page koers serve can show (the caseworkers' guide and the case
# format in Dutch, linked from the web page): cmark renders the Markdown, this wraps it in a page
# with the language, a title from its first heading and a readable style. Nothing loads from
# elsewhere. Usage: cmake -DCMARK=path -DINPUT=file.md -DOUTPUT=file.html -P markdown_page.cmake
execute_process(COMMAND "${CMARK}" --smart "${INPUT}" OUTPUT_VARIABLE body RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "cmark could not render ${INPUT}")
endif()
file(STRINGS "${INPUT}" first_heading REGEX "^# " LIMIT_COUNT 1)
string(REGEX REPLACE "^# +" "" title "${first_heading}")
string(REPLACE "&" "&amp;" title "${title}")
string(REPLACE "<" "&lt;" title "${title}")
# Links between the documents point at the .md files in the repository. The served ones become
# their pages; a link to a document that is not served (technical, in English) stays as its text.
string(REGEX REPLACE "href=\"(handleiding-hulpverlener|casusformaat)\\.md" "href=\"\\1.html" body
       "${body}")
string(REGEX REPLACE "<a href=\"[a-z-]+\\.md\">([^<]*)</a>" "\\1" body "${body}")
set(page "<!DOCTYPE html>
<html lang=\"nl\">
<head>
<meta charset=\"utf-8\">
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">
<title>${title} — Koers</title>
<style>
body{font-family:system-ui,sans-serif;max-width:46rem;margin:1.5rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}
code,pre{font-family:ui-monospace,monospace;background:#f3f2f1}pre{padding:.6rem;overflow-x:auto}
table{border-collapse:collapse}td,th{border:1px solid #b1b4b6;padding:.25rem .5rem;text-align:left;vertical-align:top}
a{color:#1f4e79}
</style>
</head>
<body>
<main>
${body}</main>
</body>
</html>
")
file(WRITE "${OUTPUT}" "${page}")
