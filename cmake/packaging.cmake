# The Debian package of Koers (docs/operations.md, "Installing the package"): `cmake --build
# build --target package` (or `cd build && cpack -G DEB`) writes build/koers_<version>_<arch>.deb.
# It holds the `runtime` component only: the library for host programs (`dev`) is installed by
# `cmake --install` but not packaged.

# Manual pages from the text of --help (packaging/man.cmake), compressed as Debian wants them.
set(KOERS_MAN_DIR ${CMAKE_BINARY_DIR}/man)
add_custom_command(
  OUTPUT ${KOERS_MAN_DIR}/koers.1.gz ${KOERS_MAN_DIR}/koers-serve.1.gz
  COMMAND ${CMAKE_COMMAND} -E make_directory ${KOERS_MAN_DIR}
  COMMAND ${CMAKE_COMMAND} -DKOERS=$<TARGET_FILE:koers> -DVERSION=${PROJECT_VERSION}
          -DOUT=${KOERS_MAN_DIR} -P ${CMAKE_SOURCE_DIR}/packaging/man.cmake
  COMMAND gzip -9nf ${KOERS_MAN_DIR}/koers.1 ${KOERS_MAN_DIR}/koers-serve.1
  DEPENDS koers ${CMAKE_SOURCE_DIR}/packaging/man.cmake
  COMMENT "Writing the manual pages from --help" VERBATIM)
add_custom_target(man ALL DEPENDS ${KOERS_MAN_DIR}/koers.1.gz ${KOERS_MAN_DIR}/koers-serve.1.gz)

install(FILES ${KOERS_MAN_DIR}/koers.1.gz ${KOERS_MAN_DIR}/koers-serve.1.gz
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT runtime)
install(DIRECTORY examples/ DESTINATION ${CMAKE_INSTALL_DATADIR}/koers/examples COMPONENT runtime
        FILES_MATCHING PATTERN "*.yaml" PATTERN "embed" EXCLUDE)
install(FILES README.md docs/operations.md docs/handleiding-hulpverlener.md docs/case-format.md
              docs/casusformaat.md docs/advice-format.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT runtime)
# The service's files go where Debian keeps them whatever the prefix: the unit under /lib, its
# options and the logrotate set-up under /etc (both conffiles: an upgrade keeps local changes).
install(FILES packaging/koers.service DESTINATION /lib/systemd/system COMPONENT runtime)
install(FILES packaging/koers.default DESTINATION /etc/default RENAME koers COMPONENT runtime)
install(FILES packaging/koers.logrotate DESTINATION /etc/logrotate.d RENAME koers
        COMPONENT runtime)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME koers)
set(CPACK_PACKAGE_VENDOR "Koers")
set(CPACK_PACKAGE_CONTACT "Koers maintainers <maintainers@koers.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "advice for multiprobleemgezinnen from rules that people can read, check and test")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION [=[
Koers turns the Dutch guidance for multiprobleemgezinnen (MPG) into rules that
people can read, check and test, and gives advice on a family's case file with
the reasons and the guideline behind it. Koers gives advice; a professional
decides.

This package holds the koers command, the koers serve HTTP server with its web
page for caseworkers, the national rules and policy, example cases, manual
pages, and a hardened systemd unit (koers.service, not started until enabled).]=])
# The programs without their line tables: a fifth of the size, and packing in seconds.
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME koers)
set(CPACK_DEBIAN_RUNTIME_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The shared libraries the programs link (yaml-cpp, libyaml, nettle, the ANTLR runtime, jemalloc,
# fmt, ...) become Depends through dpkg-shlibdeps; the service's own needs are added by hand.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "logrotate")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "systemd")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_EXTRA
    ${CMAKE_SOURCE_DIR}/packaging/conffiles ${CMAKE_SOURCE_DIR}/packaging/postinst
    ${CMAKE_SOURCE_DIR}/packaging/prerm ${CMAKE_SOURCE_DIR}/packaging/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# xz, as Debian's own packages. The same tree gives the same package bytes only with
# SOURCE_DATE_EPOCH set when packing (else directories carry the packing time):
#   SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) cpack -G DEB
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
include(CPack)
