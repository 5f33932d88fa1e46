/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "kith-template-fields.h"

G_BEGIN_DECLS

#define KITH_TEMPLATE_ERROR (kith_template_error_quark ())

/**
 * KithTemplateError:
 * @KITH_TEMPLATE_ERROR_UNCLOSED: a `{{` with no `}}` on its line
 * @KITH_TEMPLATE_ERROR_EMPTY_FIELD: `{{}}` or `{{|fallback}}`
 * @KITH_TEMPLATE_ERROR_UNKNOWN_FIELD: a name that is no merge field
 * @KITH_TEMPLATE_ERROR_BAD_TEXT: text that is not UTF-8, or too long
 * @KITH_TEMPLATE_ERROR_EMPTY_FIELDS: rendering found a field without fallback empty
 */
typedef enum {
  KITH_TEMPLATE_ERROR_UNCLOSED,
  KITH_TEMPLATE_ERROR_EMPTY_FIELD,
  KITH_TEMPLATE_ERROR_UNKNOWN_FIELD,
  KITH_TEMPLATE_ERROR_BAD_TEXT,
  KITH_TEMPLATE_ERROR_EMPTY_FIELDS,
} KithTemplateError;

/* Where a problem is: 1-based line and column (in characters), 0-based byte offset */
typedef struct {
  guint line;
  guint column;
  gsize offset;
} KithTemplatePosition;

/* One text (a subject or a body) parsed against a set of fields */
typedef struct _KithTemplateText KithTemplateText;

/* How values are written into the text */
typedef enum {
  KITH_TEMPLATE_ESCAPE_NONE,   /* plain text: as they are */
  KITH_TEMPLATE_ESCAPE_LINE,   /* a subject: line breaks become spaces */
  KITH_TEMPLATE_ESCAPE_HTML,   /* HTML: markup escaped, line breaks become <br> */
} KithTemplateEscape;

/* The longest text a template part may be */
#define KITH_TEMPLATE_MAX_TEXT (1024 * 1024)

GQuark            kith_template_error_quark   (void);
KithTemplateText *kith_template_text_parse    (KithTemplateFields    *fields,
                                               const char            *text,
                                               gssize                 length,
                                               KithTemplatePosition  *out_position,
                                               GError               **error);
void              kith_template_text_free     (KithTemplateText      *self);
guint             kith_template_text_get_n_fields (KithTemplateText  *self);
gboolean          kith_template_text_render   (KithTemplateText      *self,
                                               KithTemplateValues    *values,
                                               KithTemplateEscape     escape,
                                               GString               *out,
                                               GPtrArray             *empty);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithTemplateText, kith_template_text_free)

G_END_DECLS
