/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithVCard"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kith-vcard.h"
#include "kith-vcard-card.h"
#include "kith-vcard-reader.h"
#include "kith-vcard-picture.h"
#include "kith-vcard-writer.h"

/*
 * vCard files (3.0 and 4.0) in and out: people and companies, one card each (docs/import-export.md,
 * "vCard"). An import reads the file card by card (kith-vcard-reader.c), each card into a
 * record's typed values (kith-vcard-card.c) that the import session writes on the bulk path,
 * by the store's rules; an
 * export writes each record found as a card (kith-vcard-writer.c).
 */

/* A card larger than this is refused: a 10 MB photo is not a contact's picture */
#define MAX_CARD (4 * 1024 * 1024)

static const char *const extensions[] = { ".vcf", ".vcard", NULL };

static gboolean
export_default (KithStore                *store,
                GOutputStream            *output,
                const KithExportOptions  *options,
                GCancellable             *cancellable,
                GError                  **error)
{
  return kith_vcard_export (store, output, KITH_VCARD_30, options, cancellable, error);
}

const KithTransferFormat kith_vcard_format = {
  "vcard", N_("vCard"), extensions, "text/vcard", kith_vcard_import, export_default,
};

/* The size of the file behind @input, for progress; 0 when it does not say */
static goffset
input_size (GInputStream *input)
{
  g_autoptr(GFileInfo) info = NULL;

  if (!G_IS_FILE_INPUT_STREAM (input))
    return 0;
  info = g_file_input_stream_query_info (G_FILE_INPUT_STREAM (input), G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);

  return info != NULL ? g_file_info_get_size (info) : 0;
}

static void
report (const KithTransferProgress  progress,
        gpointer                    data,
        double                      fraction)
{
  if (progress != NULL)
    progress (CLAMP (fraction, 0.0, 1.0), data);
}

/* The card's inline PHOTO as the record's picture */
static gboolean
set_picture (KithImport     *import,
             KithStore      *store,
             KithVCardCard  *card,
             GError        **error)
{
  g_autofree char *path = NULL;

  if (card->photo == NULL)
    return TRUE;
  path = kith_vcard_picture_save (store, card->photo, !kith_import_get_dry_run (import), error);
  if (path == NULL)
    return FALSE;
  kith_record_values_set_text (card->values, KITH_FIELD_PICTURE, path);

  return TRUE;
}

static void
import_card (KithImport *import,
             KithStore  *store,
             guint       number,
             const char *text)
{
  g_auto(KithVCardCard) card = { 0, };
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  if (!kith_vcard_card_read (text, &card, &error) || !set_picture (import, store, &card, &error))
    {
      kith_import_reject (import, number, error->message);
      return;
    }
  if (kith_import_add_values (import, number, card.kind, card.values, &id) == KITH_IMPORT_REJECTED)
    return;
  /* A card with nothing to keep leaves what another card gave the record */
  if (card.extra != NULL && !kith_store_set_vcard_extra (store, id, card.extra, &error))
    g_warning ("vCard %u: the properties Kith has no field for are not kept: %s", number, error->message);
}

/**
 * kith_vcard_import:
 *
 * Reads every card of @input into @import: people, and companies (KIND:org, X-ABShowAs:COMPANY).
 * A card that cannot be read is counted refused with its reason; the others are imported.
 *
 * Returns: %FALSE with @error set when the file cannot be read or is no vCard file, or when
 *   @cancellable was cancelled (the cards of committed batches stay, whole)
 */
gboolean
kith_vcard_import (KithImport               *import,
                   GInputStream             *input,
                   const KithImportOptions  *options,
                   GCancellable             *cancellable,
                   GError                  **error)
{
  g_autoptr(KithVCardReader) reader = kith_vcard_reader_new (input, MAX_CARD);
  KithStore *store = kith_import_get_store (import);
  KithTransferProgress progress = options != NULL ? options->progress : NULL;
  gpointer progress_data = options != NULL ? options->progress_data : NULL;
  goffset size = input_size (input);
  gboolean any = FALSE;

  for (;;)
    {
      g_auto(KithVCardChunk) chunk = { 0, };
      GError *local = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!kith_vcard_reader_next (reader, &chunk, cancellable, &local))
        {
          if (local != NULL)
            {
              g_propagate_error (error, local);
              return FALSE;
            }
          break;
        }
      any = TRUE;
      if (chunk.text != NULL)
        import_card (import, store, chunk.number, chunk.text);
      else
        kith_import_reject (import, chunk.number, chunk.reason);
      if (size > 0)
        report (progress, progress_data, (double) kith_vcard_reader_get_bytes_read (reader) / size);
    }

  if (!any)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The file holds no vCard"));
      return FALSE;
    }
  report (progress, progress_data, 1.0);

  return TRUE;
}

static gboolean
write_record (KithStore         *store,
              GOutputStream     *output,
              gint64             id,
              KithVCardVersion   version,
              GCancellable      *cancellable,
              GError           **error)
{
  KithRecordKind kind = KITH_RECORD_PERSON;
  g_autoptr(KithRecordValues) values = kith_store_read_record_values (store, id, &kind, error);
  g_autofree char *extra = NULL;
  g_autofree char *card = NULL;
  GError *local = NULL;

  if (values == NULL)
    return FALSE;
  extra = kith_store_dup_vcard_extra (store, id, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  card = kith_vcard_write_record (kind, values, extra, version);

  return g_output_stream_write_all (output, card, strlen (card), NULL, cancellable, error);
}

/**
 * kith_vcard_export:
 *
 * Writes the people or companies @options asks for (all people unless told) as cards of
 * @version, in name order.
 */
gboolean
kith_vcard_export (KithStore                *store,
                   GOutputStream            *output,
                   KithVCardVersion          version,
                   const KithExportOptions  *options,
                   GCancellable             *cancellable,
                   GError                  **error)
{
  KithRecordKind kind = options != NULL ? options->kind : KITH_RECORD_PERSON;
  const char *query = options != NULL && options->query != NULL ? options->query : "";
  g_autoptr(GArray) ids = NULL;

  if (kind != KITH_RECORD_PERSON && kind != KITH_RECORD_COMPANY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                         _("A vCard file holds people and companies, not projects"));
      return FALSE;
    }

  ids = kith_store_find (store, kind, query, KITH_SORT_NAME, KITH_GROUP_NONE, 0, G_MAXUINT, NULL, error);
  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      if (!write_record (store, output, g_array_index (ids, gint64, i), version, cancellable, error))
        return FALSE;
      if (options != NULL)
        report (options->progress, options->progress_data, (double) (i + 1) / ids->len);
    }

  return TRUE;
}
