/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "kith-template-parser.h"

G_BEGIN_DECLS

/**
 * KithTemplatePart:
 * @KITH_TEMPLATE_PART_SUBJECT: the subject
 * @KITH_TEMPLATE_PART_BODY: the body
 *
 * Which text of a template a problem is in
 */
typedef enum {
  KITH_TEMPLATE_PART_SUBJECT,
  KITH_TEMPLATE_PART_BODY,
} KithTemplatePart;

/* A template's subject and body, parsed, ready to render for one record after another */
typedef struct _KithCompiledTemplate KithCompiledTemplate;

#define KITH_TYPE_COMPILED_TEMPLATE (kith_compiled_template_get_type ())

GType                 kith_compiled_template_get_type (void) G_GNUC_CONST;
KithCompiledTemplate *kith_compiled_template_new      (KithTemplateFields    *fields,
                                                       const char            *subject,
                                                       const char            *body,
                                                       gboolean               html,
                                                       KithTemplatePart      *out_part,
                                                       KithTemplatePosition  *out_position,
                                                       GError               **error);
KithCompiledTemplate *kith_compiled_template_ref      (KithCompiledTemplate  *self);
void                  kith_compiled_template_unref    (KithCompiledTemplate  *self);
gboolean              kith_compiled_template_is_html  (KithCompiledTemplate  *self);
KithTemplateFields   *kith_compiled_template_get_fields (KithCompiledTemplate *self);
gboolean              kith_compiled_template_render   (KithCompiledTemplate  *self,
                                                       KithTemplateValues    *values,
                                                       GString               *subject,
                                                       GString               *body,
                                                       GPtrArray             *empty);
gboolean              kith_compiled_template_render_strings (KithCompiledTemplate *self,
                                                       KithTemplateValues    *values,
                                                       char                 **out_subject,
                                                       char                 **out_body,
                                                       GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithCompiledTemplate, kith_compiled_template_unref)

G_END_DECLS
