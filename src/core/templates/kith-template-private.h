/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-template-parser.h"

G_BEGIN_DECLS

/* A parsed text is a list of pieces: text as it is, and fields; both point into its copy of
 * the source, so parsing allocates two blocks and rendering none */
typedef struct {
  const char *text;          /* a piece of text, or a field's fallback */
  gsize       length;
  int         slot;          /* -1 for text */
  gboolean    has_fallback;
} KithTemplatePiece;

struct _KithTemplateText
{
  KithTemplateFields *fields;
  char               *source;
  GArray             *pieces;   /* of KithTemplatePiece */
  guint               n_fields;
};

G_END_DECLS
