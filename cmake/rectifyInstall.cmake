# Install the headers, the exported targets rectify::rectify and (where built) rectify::dynamic,
# the package config and version files, and a pkg-config file.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# The sources of rectify::dynamic (rectify/dynamic/*.cpp) are compiled into its library, not installed.
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/rectify" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
  PATTERN "*.cpp" EXCLUDE)
# INCLUDES DESTINATION puts the include directory on the exported target, whatever the point at
# which GNUInstallDirs was included (an $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}> written
# before it is empty).
install(TARGETS rectify EXPORT rectifyTargets INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
set(RECTIFY_CMAKE_DIR "${CMAKE_INSTALL_DATADIR}/cmake/rectify")
install(EXPORT rectifyTargets NAMESPACE rectify:: DESTINATION "${RECTIFY_CMAKE_DIR}")
# The compiled library in an export set of its own, which rectifyConfig.cmake loads for consumers
# of the pointer size it was built for: the package stays usable header-only by the others.
set(RECTIFY_DYNAMIC_SIZEOF_VOID_P "")
if(TARGET rectify_dynamic)
  install(TARGETS rectify_dynamic EXPORT rectifyDynamicTargets
    ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}"
    RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
  install(EXPORT rectifyDynamicTargets NAMESPACE rectify:: DESTINATION "${RECTIFY_CMAKE_DIR}")
  set(RECTIFY_DYNAMIC_SIZEOF_VOID_P ${CMAKE_SIZEOF_VOID_P})
endif()
configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/rectifyConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/rectifyConfig.cmake" INSTALL_DESTINATION "${RECTIFY_CMAKE_DIR}")
# A header-only package fits any pointer size (Debian's xsimd version file checks it; ours not).
write_basic_package_version_file("${PROJECT_BINARY_DIR}/rectifyConfigVersion.cmake"
  COMPATIBILITY SameMajorVersion ARCH_INDEPENDENT)
install(FILES "${PROJECT_BINARY_DIR}/rectifyConfig.cmake" "${PROJECT_BINARY_DIR}/rectifyConfigVersion.cmake"
  "${PROJECT_SOURCE_DIR}/cmake/rectifyFindXsimd.cmake" DESTINATION "${RECTIFY_CMAKE_DIR}")
configure_file("${PROJECT_SOURCE_DIR}/cmake/rectify.pc.in" "${PROJECT_BINARY_DIR}/rectify.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/rectify.pc" DESTINATION "${CMAKE_INSTALL_DATADIR}/pkgconfig")
