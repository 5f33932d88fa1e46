/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Reading Kith's JSON file of everything back (docs/json.md, "Export file"). The file Kith
 * writes has one element per line, so it is read a line at a time and each line parsed by
 * json-glib alone: a file of 100,000 people never becomes one tree in memory. A file laid out
 * otherwise (pretty-printed by another tool) is parsed whole by json-glib instead.
 *
 * Records go through the import session, by sync key as every import; the rest (field
 * definitions, views, timeline items, to-dos, files' metadata) through the store's own calls,
 * with the file's record ids remapped to the ones they became here.
 */

#define G_LOG_DOMAIN "KithTransfer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kith-json-format.h"

#include "kith-json-reader.h"


/* Elements a transaction of ours takes, as the import session's batches */
#define BATCH 2000

static void
reader_clear (Reader *r)
{
  g_clear_pointer (&r->ids, g_hash_table_unref);
  g_clear_pointer (&r->field_keys, g_hash_table_unref);
  g_clear_pointer (&r->view_names, g_hash_table_unref);
  g_clear_pointer (&r->todos, g_hash_table_unref);
  g_clear_pointer (&r->segment_keys, g_hash_table_unref);
  g_clear_pointer (&r->step_keys, g_hash_table_unref);
  g_clear_pointer (&r->section, g_free);
}

static gboolean
is_record_section (const char *section)
{
  return strcmp (section, "companies") == 0 || strcmp (section, "people") == 0 ||
         strcmp (section, "projects") == 0;
}

/* Ends the batch of elements that are not records */
static gboolean
end_batch (Reader  *r,
           GError **error)
{
  if (!r->open)
    return TRUE;
  r->open = FALSE;

  return kith_store_commit (r->store, error);
}

/* What is not a record is written in batches too: a transaction per timeline item would make
 * an import of a million of them take hours */
static gboolean
batch_element (Reader  *r,
               GError **error)
{
  if (is_record_section (r->section))
    return TRUE;
  if (r->open && ++r->in_batch >= BATCH && !end_batch (r, error))
    return FALSE;
  if (!r->open)
    {
      if (!kith_store_begin (r->store, error))
        return FALSE;
      r->open = TRUE;
      r->in_batch = 0;
    }

  return TRUE;
}


/* The sections of an export, in the order Kith writes them */
static const char *sections[] = { "segments", "fields", "views", "tags", "companies", "people", "projects",
                                  "timeline", "todos", "files", NULL };

static gboolean
begin_section (Reader      *r,
               const char  *name,
               GError     **error)
{
  if (!g_strv_contains (sections, name))
    return kith_json_invalid (error, _("Line %u: unknown section “%s”"), r->row, name);

  g_free (r->section);
  r->section = g_strdup (name);
  r->index = 0;

  /* Records go in the import session's own transactions */
  if (is_record_section (name) && !end_batch (r, error))
    return FALSE;

  /* The timeline names records, which must all be written first */
  if (strcmp (name, "timeline") == 0 && !kith_import_checkpoint (r->import, error))
    return FALSE;

  return TRUE;
}

/* The settings of an export apply to a store that has none of its own */
static void
import_settings (Reader     *r,
                 JsonObject *settings)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  json_object_iter_init (&iter, settings);
  while (json_object_iter_next (&iter, &key, &value))
    {
      g_autofree char *current = kith_store_dup_setting (r->store, key);
      g_autoptr(GError) error = NULL;

      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        continue;
      if (strcmp (key, "preset") == 0)
        {
          if (current == NULL && !kith_relationship_apply_preset (r->store, json_node_get_string (value), &error))
            g_warning ("Import: %s", error->message);
        }
      else if (current == NULL && !kith_store_set_setting (r->store, key, json_node_get_string (value), &error))
        g_warning ("Import: %s", error->message);
    }
}

static gboolean
check_header (Reader      *r,
              JsonObject  *header,
              GError     **error)
{
  JsonObject *settings = kith_json_get_object (header, "settings");

  if (g_strcmp0 (kith_json_get_string (header, "format"), KITH_JSON_EXPORT_FORMAT) != 0)
    return kith_json_invalid (error, _("This is not a Kith export: its “format” is not “%s”"), KITH_JSON_EXPORT_FORMAT);
  if (json_object_get_int_member_with_default (header, "version", 0) > KITH_JSON_EXPORT_VERSION)
    return kith_json_invalid (error, _("This export is of version %" G_GINT64_FORMAT ", newer than this Kith reads (%d)"),
                         json_object_get_int_member_with_default (header, "version", 0), KITH_JSON_EXPORT_VERSION);
  if (json_object_get_int_member_with_default (header, "version", 0) < 1)
    return kith_json_invalid (error, _("This export has no version"));

  r->seen_header = TRUE;
  if (settings != NULL)
    import_settings (r, settings);
  return TRUE;
}

/* The first line of an export Kith wrote: the header object, left open */
static gboolean
read_header_line (Reader      *r,
                  const char  *line,
                  gboolean    *out_framed,
                  GError     **error)
{
  g_autofree char *closed = g_strconcat (line, "}", NULL);
  g_autoptr(JsonNode) node = json_from_string (closed, NULL);

  /* A pretty-printed file's first line is "{" alone, which closes into an empty object */
  *out_framed = node != NULL && JSON_NODE_HOLDS_OBJECT (node) &&
                json_object_get_size (json_node_get_object (node)) > 0;
  if (!*out_framed)
    return TRUE;

  return check_header (r, json_node_get_object (node), error);
}

/* One line after the header: a section opening or closing, or one element */
static gboolean
read_line (Reader      *r,
           char        *line,
           GError     **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) parse_error = NULL;
  char *text = g_strstrip (line);
  gsize len;

  if (*text == ',')
    text = g_strchug (text + 1);
  len = strlen (text);

  if (strcmp (text, "}") == 0)
    r->closed = TRUE;
  if (len == 0 || r->closed)
    return TRUE;
  if (strcmp (text, "]") == 0)
    {
      g_clear_pointer (&r->section, g_free);
      return TRUE;
    }
  if (text[0] == '"' && len > 3 && g_str_has_suffix (text, "[") && r->section == NULL)
    {
      g_autofree char *name = g_strndup (text + 1, len - 1);
      char *end = strchr (name, '"');

      if (end == NULL)
        return kith_json_invalid (error, _("Line %u is not part of a Kith export"), r->row);
      *end = '\0';
      return begin_section (r, name, error);
    }
  if (r->section == NULL)
    return kith_json_invalid (error, _("Line %u is not part of a Kith export"), r->row);

  if (!batch_element (r, error))
    return FALSE;
  node = json_from_string (text, &parse_error);
  if (node == NULL)
    {
      r->index++;
      kith_json_reject (r, parse_error->message);
      return TRUE;
    }
  kith_json_import_element (r, node);
  return TRUE;
}

static void
report_progress (Reader        *r,
                 GInputStream  *input)
{
  goffset size = 0, at;
  g_autoptr(GFileInfo) info = NULL;

  if (r->options == NULL || r->options->progress == NULL || !G_IS_FILE_INPUT_STREAM (input))
    return;
  info = g_file_input_stream_query_info (G_FILE_INPUT_STREAM (input), G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);
  size = info != NULL ? g_file_info_get_size (info) : 0;
  at = g_seekable_tell (G_SEEKABLE (input));
  if (size > 0)
    r->options->progress (MIN (1.0, (double) at / size), r->options->progress_data);
}

/* A file not laid out a line per element: json-glib reads it whole */
static gboolean
read_whole (Reader         *r,
            GByteArray     *bytes,
            GError        **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  const char *name;
  JsonNode *value;

  if (!json_parser_load_from_data (parser, (const char *) bytes->data, bytes->len, error))
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return kith_json_invalid (error, _("This is not a Kith export: it is not a JSON object"));
  root = json_node_get_object (json_parser_get_root (parser));
  if (!check_header (r, root, error))
    return FALSE;

  /* In the order Kith writes them, whatever order the file has them in: records before the
   * timeline that names them */
  for (guint s = 0; sections[s] != NULL; s++)
    {
      name = sections[s];
      value = json_object_get_member (root, name);
      if (value == NULL || !JSON_NODE_HOLDS_ARRAY (value))
        continue;
      if (!begin_section (r, name, error))
        return FALSE;
      for (guint i = 0; i < json_array_get_length (json_node_get_array (value)); i++)
        {
          r->row++;
          if (!batch_element (r, error))
            return FALSE;
          kith_json_import_element (r, json_array_get_element (json_node_get_array (value), i));
        }
    }

  return TRUE;
}

/* The rest of @data after @first, whole */
static GByteArray *
slurp (const char        *first,
       GDataInputStream  *data,
       GCancellable      *cancellable,
       GError           **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  guint8 buffer[65536];
  gssize n;

  g_byte_array_append (bytes, (const guint8 *) first, strlen (first));
  g_byte_array_append (bytes, (const guint8 *) "\n", 1);
  while ((n = g_input_stream_read (G_INPUT_STREAM (data), buffer, sizeof buffer, cancellable, error)) > 0)
    g_byte_array_append (bytes, buffer, n);

  return n < 0 ? NULL : g_steal_pointer (&bytes);
}

/* A line that is not UTF-8 is not JSON: say so rather than what GLib's reader says */
static gboolean
not_text (GError  **error,
          GError   *read_error)
{
  if (g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      !g_error_matches (read_error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE))
    {
      g_propagate_error (error, g_error_copy (read_error));
      return FALSE;
    }

  return kith_json_invalid (error, _("This is not a Kith export: it is not UTF-8 text (%s)"), read_error->message);
}

static gboolean
read_stream (Reader         *r,
             GInputStream   *input,
             GCancellable   *cancellable,
             GError        **error)
{
  g_autoptr(GDataInputStream) data = g_data_input_stream_new (input);
  g_autofree char *first = NULL;
  g_autoptr(GByteArray) whole = NULL;
  g_autoptr(GError) read_error = NULL;
  gboolean framed = FALSE;
  char *line;

  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (data), FALSE);
  first = g_data_input_stream_read_line_utf8 (data, NULL, cancellable, &read_error);
  if (first == NULL && read_error != NULL)
    return not_text (error, read_error);
  if (first == NULL)
    return kith_json_invalid (error, _("The file is empty"));
  r->row = 1;
  if (!read_header_line (r, first, &framed, error))
    return FALSE;
  if (!framed)
    return (whole = slurp (first, data, cancellable, error)) != NULL && (r->row = 0, read_whole (r, whole, error));

  while ((line = g_data_input_stream_read_line_utf8 (data, NULL, cancellable, &read_error)) != NULL)
    {
      g_autofree char *owned = line;

      r->row++;
      if (!read_line (r, owned, error))
        return FALSE;
      if (r->row % 1000 == 0)
        report_progress (r, input);
    }

  if (read_error != NULL)
    return not_text (error, read_error);
  report_progress (r, input);
  /* A file cut short (a disk that filled up while it was written) is not taken for all there is */
  if (!r->closed)
    return kith_json_invalid (error, _("The file ends at line %u before its end: it is not a whole Kith export"), r->row);

  return TRUE;
}

/**
 * kith_json_import:
 *
 * Reads a file kith_json_export () wrote into @import's store. Records merge by sync key with
 * those the store has; a field definition or view whose key or name the store has already is
 * kept as the store has it, and settings apply only where the store has none. A refused element
 * is counted with its section and place; a file that is not a Kith export, or of a newer
 * version, is refused before anything is written.
 */
gboolean
kith_json_import (KithImport               *import,
                  GInputStream             *input,
                  const KithImportOptions  *options,
                  GCancellable             *cancellable,
                  GError                  **error)
{
  KithStore *store = kith_import_get_store (import);
  Reader r = { import, store, options, };
  gboolean dry_run = kith_import_get_dry_run (import);
  gboolean ok;

  r.ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  r.segment_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  r.step_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  r.field_keys = kith_json_field_keys (store);
  r.view_names = kith_json_view_names (store);
  r.was_empty = kith_store_count (store, KITH_RECORD_PERSON, "", NULL) == 0 &&
                kith_store_count (store, KITH_RECORD_COMPANY, "", NULL) == 0 &&
                kith_store_count (store, KITH_RECORD_PROJECT, "", NULL) == 0;
  r.todos = r.was_empty ? NULL : kith_json_todos (store);

  /* A dry run writes nothing: what is not a record is undone with the records */
  if (dry_run && !kith_store_begin (store, error))
    return FALSE;
  ok = read_stream (&r, input, cancellable, error) && end_batch (&r, error);
  if (r.open)
    kith_store_rollback (store);
  if (dry_run)
    kith_store_rollback (store);

  reader_clear (&r);
  return ok;
}
