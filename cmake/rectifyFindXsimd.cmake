# find_package(xsimd), then mend what Debian's package gets wrong: its exported target `xsimd`
# lists `xtl` in INTERFACE_LINK_LIBRARIES, but the config never finds xtl, so linking it gives
# `cannot find -lxtl`. xsimd is header-only and needs xtl only for its optional xtl integration:
# where no `xtl` target exists, drop it from the link. Used by our build and by rectifyConfig.cmake.
if(NOT TARGET xsimd)
  find_package(xsimd CONFIG REQUIRED)
endif()
if(TARGET xsimd AND NOT TARGET xtl)
  get_target_property(_rectify_xsimd_links xsimd INTERFACE_LINK_LIBRARIES)
  if(_rectify_xsimd_links)
    list(REMOVE_ITEM _rectify_xsimd_links xtl)
    set_target_properties(xsimd PROPERTIES INTERFACE_LINK_LIBRARIES "${_rectify_xsimd_links}")
  endif()
  unset(_rectify_xsimd_links)
endif()
