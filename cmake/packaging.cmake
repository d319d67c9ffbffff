# What `cmake --install` puts under the prefix besides the programs (generator/CMakeLists.txt),
# and the Debian package CPack makes of it: `cpack -G DEB --config build/CPackConfig.cmake`.
include(GNUInstallDirs)
install(FILES README.md docs/editing.md docs/publishing.md docs/format-decisions.md
  DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES docs/ci/github-pages.yml docs/ci/gitlab-ci.yml DESTINATION ${CMAKE_INSTALL_DOCDIR}/ci)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME nastavnik)
set(CPACK_PACKAGE_VENDOR "nastavnik")
set(CPACK_PACKAGE_CONTACT "nastavnik maintainers <nastavnik@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "static site generator and reporting portal for school-mentoring programmes")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "nastavnik turns a Git repository of TOML records and Markdown pages into a public site:\n\
practices catalogue, school dashboards, mentorships, events and annual reports\n\
(Russian). `nastavnik init DIR` starts a site; `nastavnik serve` previews it.")
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
# Depends: the exact shared libraries the generator links (libgit2, Boost.Filesystem, fmt,
# cmark-gfm, …), as dpkg-shlibdeps finds them, with the versions of the build machine.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
# `git` is not linked, but a site's dates come from its history only through libgit2, which is;
# the CI recipes clone the site with it.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "git")
include(CPack)
