# cmake -DTEMPLATE_DIR=... -DOUTPUT=... -P EmbedTemplates.cmake
# Bakes templates/*.mustache into the generator so an installed wink-codegen needs no data files.
file(GLOB _templates RELATIVE "${TEMPLATE_DIR}" "${TEMPLATE_DIR}/*.mustache")
list(SORT _templates)
set(_names "")
set(_texts "")
foreach(_t IN LISTS _templates)
  file(READ "${TEMPLATE_DIR}/${_t}" _body)
  string(APPEND _names "    \"${_t}\",\n")
  string(APPEND _texts "    R\"wink_template(${_body})wink_template\",\n")
endforeach()
list(LENGTH _templates _count)
set(_content "// Generated from templates/*.mustache by cmake/EmbedTemplates.cmake. DO NOT EDIT.
#include <cstddef>

namespace wink::codegen::emit {

extern const char* const kEmbeddedTemplateNames[];
extern const char* const kEmbeddedTemplateTexts[];
extern const std::size_t kEmbeddedTemplateCount;

const char* const kEmbeddedTemplateNames[] = {
${_names}};
const char* const kEmbeddedTemplateTexts[] = {
${_texts}};
const std::size_t kEmbeddedTemplateCount = ${_count};

}  // namespace wink::codegen::emit
")
# Write only when changed, so the generator relinks only when a template changed.
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" _old)
endif()
if(NOT "${_old}" STREQUAL "${_content}")
  file(WRITE "${OUTPUT}" "${_content}")
endif()
