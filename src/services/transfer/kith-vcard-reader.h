/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One card of a vCard file: its text, or why it cannot be read */
typedef struct {
  guint  number;     /* from 1, in the file's order */
  char  *text;       /* BEGIN:VCARD … END:VCARD, UTF-8; NULL when refused */
  char  *reason;     /* why it is refused, for the user */
} KithVCardChunk;

void kith_vcard_chunk_clear (KithVCardChunk *chunk);

typedef struct _KithVCardReader KithVCardReader;

KithVCardReader *kith_vcard_reader_new      (GInputStream     *input,
                                             gsize             max_card);
void             kith_vcard_reader_free     (KithVCardReader  *self);
gboolean         kith_vcard_reader_next     (KithVCardReader  *self,
                                             KithVCardChunk   *chunk,
                                             GCancellable     *cancellable,
                                             GError          **error);
guint64          kith_vcard_reader_get_bytes_read (KithVCardReader *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithVCardReader, kith_vcard_reader_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KithVCardChunk, kith_vcard_chunk_clear)

G_END_DECLS
