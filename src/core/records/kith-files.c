/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithFiles"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kith-file-private.h"
#include "kith-file-rows.h"
#include "kith-files.h"
#include "kith-store-private.h"

/*
 * Files attached to a profile: copied into <data dir>/files/<record id>/ (the default), or
 * linked where they are. A folder attaches the files in it. Removing a copied file moves it
 * aside (files/.removed/) so that Undo can bring it back.
 */

/**
 * kith_files_get_mode:
 *
 * Returns: what happens to dropped files, from the "files-mode" setting
 */
KithFilesMode
kith_files_get_mode (KithStore *store)
{
  g_autofree char *mode = kith_store_dup_setting (store, "files-mode");

  return g_strcmp0 (mode, "link") == 0 ? KITH_FILES_LINK : KITH_FILES_COPY;
}

/**
 * kith_files_dup_folder:
 *
 * Returns: (transfer full): the folder copies are kept in, next to the database
 */
char *
kith_files_dup_folder (KithStore *store)
{
  g_autofree char *dir = g_path_get_dirname (kith_store_get_path (store));

  return g_build_filename (dir, "files", NULL);
}

/* "report.pdf" → "report (2).pdf" until the name is free in @dir. */
static GFile *
free_name (GFile      *dir,
           const char *name)
{
  const char *dot = strrchr (name, '.');
  g_autofree char *stem = dot != NULL && dot != name ? g_strndup (name, dot - name) : g_strdup (name);
  const char *ext = dot != NULL && dot != name ? dot : "";
  GFile *candidate = g_file_get_child (dir, name);

  for (guint n = 2; g_file_query_exists (candidate, NULL) && n < 10000; n++)
    {
      g_autofree char *numbered = g_strdup_printf ("%s (%u)%s", stem, n, ext);

      g_object_unref (candidate);
      candidate = g_file_get_child (dir, numbered);
    }

  return candidate;
}

#define SAFE_NAME_MAX 200   /* bytes, leaving room for " (9999)" under NAME_MAX */
#define SAFE_EXT_MAX  16

/**
 * kith_files_safe_name:
 * @name: (nullable): a file's display name, from anywhere
 *
 * What a copy of a file called @name is called in Kith's files folder: valid UTF-8 without
 * path separators, control characters (with the escape sequences they start) or format
 * characters, not hidden, not "." or "..", and at most 200 bytes long, keeping a short extension.
 *
 * Returns: (transfer full): a name that is safe as one path component
 */
char *
kith_files_safe_name (const char *name)
{
  g_autofree char *valid = g_utf8_make_valid (name != NULL ? name : "", -1);
  /* control characters go with the escape sequences they start, as in names */
  g_autofree char *clean = kith_text_strip_controls (valid, FALSE);
  g_autoptr(GString) out = g_string_new (NULL);
  const char *start;
  const char *dot;
  gsize ext_len = 0;

  for (const char *p = clean; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (c == '/' || c == '\\')
        g_string_append_c (out, '_');
      else if (type == G_UNICODE_LINE_SEPARATOR || type == G_UNICODE_PARAGRAPH_SEPARATOR)
        g_string_append_c (out, ' ');
      else if (type != G_UNICODE_FORMAT)   /* e.g. a right-to-left override hiding ".exe" */
        g_string_append_unichar (out, c);
    }

  /* not hidden, not "." or "..", no spaces around */
  g_strstrip (out->str);
  start = out->str;
  while (*start == '.' || g_ascii_isspace (*start))
    start++;
  if (*start == '\0')
    return g_strdup ("file");

  if (strlen (start) <= SAFE_NAME_MAX)
    return g_strdup (start);

  dot = strrchr (start, '.');
  if (dot != NULL && strlen (dot) <= SAFE_EXT_MAX)
    ext_len = strlen (dot);

  {
    const char *cut = start + SAFE_NAME_MAX - ext_len;
    g_autofree char *stem = NULL;

    /* cut at a character boundary */
    while (cut > start && (*cut & 0xC0) == 0x80)
      cut--;
    stem = g_strndup (start, cut - start);
    return g_strconcat (g_strchomp (stem), ext_len > 0 ? dot : "", NULL);
  }
}

void
kith_file_failure_free (KithFileFailure *failure)
{
  g_free (failure->name);
  g_free (failure->reason);
  g_free (failure);
}

/* @failures: of KithFileFailure */
static void
add_failure (GPtrArray  *failures,
             GFile      *file,
             const char *reason)
{
  KithFileFailure *failure = g_new0 (KithFileFailure, 1);

  failure->name = g_file_get_parse_name (file);
  failure->reason = g_strdup (reason);
  g_ptr_array_add (failures, failure);
}

/* A file that cannot be attached is a failure to report; a cancelled scan stops (FALSE). */
static gboolean
fail (GPtrArray  *failures,
      GFile      *file,
      GError    **local,
      GError    **error)
{
  if (g_error_matches (*local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (local));
      return FALSE;
    }
  add_failure (failures, file, (*local)->message);
  g_clear_error (local);
  return TRUE;
}

/* One file to attach: found by scan(), copied by copy_one(), added to the store at the end. */
typedef struct {
  GFile     *source;
  GFileInfo *info;
  char      *name;     /* what the profile shows */
  GFile     *copy;     /* the copy in Kith's folder, once made */
} Entry;

static void
entry_free (Entry *entry)
{
  g_clear_object (&entry->source);
  g_clear_object (&entry->info);
  g_clear_object (&entry->copy);
  g_free (entry->name);
  g_free (entry);
}

#define INFO_ATTRIBUTES G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_NAME "," \
                        G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME "," G_FILE_ATTRIBUTE_STANDARD_SIZE "," \
                        G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE "," G_FILE_ATTRIBUTE_ACCESS_CAN_READ "," \
                        G_FILE_ATTRIBUTE_UNIX_DEVICE "," G_FILE_ATTRIBUTE_UNIX_INODE

/*
 * Finds the files to attach under @file, without following symbolic links: a link in a
 * folder is skipped (like hidden files), a link dropped by itself is a failure that says so.
 * Returns FALSE with @error set when there are more than KITH_FILES_MAX_PER_DROP files.
 */
static gboolean scan (GFile *file, GFileInfo *info, GFile *dropped, guint depth, GPtrArray *entries,
                      GPtrArray *failures, GCancellable *cancellable, GError **error);

/* The files of a folder dropped (or in one), without hidden files, links and devices: they are
 * not what someone means to attach */
static gboolean
scan_folder (GFile         *folder,
             GFile         *dropped,
             guint          depth,
             GPtrArray     *entries,
             GPtrArray     *failures,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GError) local = NULL;
  GFileInfo *child_info;

  if (depth > 8)
    {
      add_failure (failures, folder, _("Folders nested this deep are not attached"));
      return TRUE;
    }
  children = g_file_enumerate_children (folder, INFO_ATTRIBUTES, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                        cancellable, &local);
  if (children == NULL)
    return fail (failures, folder, &local, error);

  while ((child_info = g_file_enumerator_next_file (children, cancellable, &local)) != NULL)
    {
      g_autoptr(GFileInfo) owned = child_info;
      g_autoptr(GFile) child = g_file_enumerator_get_child (children, child_info);
      GFileType child_type = g_file_info_get_file_type (child_info);

      if (g_file_info_get_name (child_info)[0] == '.' ||
          (child_type != G_FILE_TYPE_REGULAR && child_type != G_FILE_TYPE_DIRECTORY))
        continue;
      if (!scan (child, child_info, dropped, depth + 1, entries, failures, cancellable, error))
        return FALSE;
    }

  return local == NULL || fail (failures, folder, &local, error);
}

/* Why a file of this @type and @info is not attached, or %NULL when it is */
static const char *
refusal (GFileType  type,
         GFileInfo *info)
{
  if (type == G_FILE_TYPE_SYMBOLIC_LINK)
    return _("It is a link, and Kith does not follow links: attach the file it points to");
  if (type != G_FILE_TYPE_REGULAR)
    return _("It is not a regular file");
  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ) &&
      !g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ))
    return _("You do not have permission to read it");

  return NULL;
}

/* More files than one drop attaches: nothing is */
static gboolean
too_many (GFile   *file,
          GFile   *dropped,
          GError **error)
{
  g_autofree char *where = g_file_get_parse_name (dropped);

  if (g_file_equal (file, dropped))
    g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID,
                 g_dngettext (GETTEXT_PACKAGE,
                              "Kith attaches at most %u file at a time: nothing was attached",
                              "Kith attaches at most %u files at a time: nothing was attached",
                              KITH_FILES_MAX_PER_DROP),
                 KITH_FILES_MAX_PER_DROP);
  else
    g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID,
                 /* Translators: a folder, and the most files attached at a time */
                 g_dngettext (GETTEXT_PACKAGE,
                              "“%s” holds more than %u file, and Kith attaches at most that many at a time: nothing was attached",
                              "“%s” holds more than %u files, and Kith attaches at most that many at a time: nothing was attached",
                              KITH_FILES_MAX_PER_DROP),
                 where, KITH_FILES_MAX_PER_DROP);
  return FALSE;
}

static gboolean
scan (GFile         *file,
      GFileInfo     *info,
      GFile         *dropped,
      guint          depth,
      GPtrArray     *entries,
      GPtrArray     *failures,
      GCancellable  *cancellable,
      GError       **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GFileInfo) own_info = NULL;
  const char *refused;
  GFileType type;
  Entry *entry;

  if (info == NULL)
    {
      info = own_info = g_file_query_info (file, INFO_ATTRIBUTES, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                           cancellable, &local);
      if (info == NULL)
        return fail (failures, file, &local, error);
    }

  type = g_file_info_get_file_type (info);
  if (type == G_FILE_TYPE_DIRECTORY)
    return scan_folder (file, dropped, depth, entries, failures, cancellable, error);
  if ((refused = refusal (type, info)) != NULL)
    {
      add_failure (failures, file, refused);
      return TRUE;
    }
  if (entries->len >= KITH_FILES_MAX_PER_DROP)
    return too_many (file, dropped, error);

  entry = g_new0 (Entry, 1);
  entry->source = g_object_ref (file);
  entry->info = g_object_ref (info);
  entry->name = kith_files_safe_name (g_file_info_get_display_name (info));
  g_ptr_array_add (entries, entry);

  return TRUE;
}

typedef struct {
  KithFilesProgressFunc  func;
  gpointer               data;
  guint                  n_done;
  guint                  n_files;
  goffset                bytes_done;
  goffset                bytes_total;
} Progress;

static void
report (Progress   *progress,
        const char *name)
{
  if (progress->func != NULL)
    progress->func (name, progress->n_done, progress->n_files, progress->bytes_done,
                    progress->bytes_total, progress->data);
}

/* Creates a new file named @name, or "name (2)" and so on, in @dir: never an existing one. */
static GFileOutputStream *
create_free (GFile         *dir,
             const char    *name,
             GFile        **out_file,
             GCancellable  *cancellable,
             GError       **error)
{
  const char *dot = strrchr (name, '.');
  g_autofree char *stem = dot != NULL && dot != name ? g_strndup (name, dot - name) : g_strdup (name);
  const char *ext = dot != NULL && dot != name ? dot : "";

  for (guint n = 1; n < 10000; n++)
    {
      g_autofree char *numbered = n == 1 ? g_strdup (name) : g_strdup_printf ("%s (%u)%s", stem, n, ext);
      g_autoptr(GFile) file = g_file_get_child (dir, numbered);
      g_autoptr(GError) local = NULL;
      GFileOutputStream *out = g_file_create (file, G_FILE_CREATE_NONE, cancellable, &local);

      if (out != NULL)
        {
          *out_file = g_steal_pointer (&file);
          return out;
        }
      if (!g_error_matches (local, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("There are too many files called “%s”"), name);
  return NULL;
}

/* Copies @entry into @dir. What it wrote is removed again when the copy fails or is cancelled. */
static gboolean
copy_one (Entry         *entry,
          GFile         *dir,
          Progress      *progress,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GFile) target = NULL;
  g_autofree guint8 *buffer = NULL;
  gboolean ok = FALSE;
  gssize n_read;

  in = g_file_read (entry->source, cancellable, error);
  if (in == NULL)
    return FALSE;
  /* g_file_read() follows links: what it opened must be the file looked at before, not a link
   * put in its place since (to ~/.ssh, say) */
  if (g_file_info_has_attribute (entry->info, G_FILE_ATTRIBUTE_UNIX_INODE))
    {
      g_autoptr(GFileInfo) opened = g_file_input_stream_query_info (in, G_FILE_ATTRIBUTE_UNIX_DEVICE ","
                                                                    G_FILE_ATTRIBUTE_UNIX_INODE, cancellable, NULL);

      if (opened == NULL ||
          g_file_info_get_attribute_uint64 (opened, G_FILE_ATTRIBUTE_UNIX_INODE) !=
          g_file_info_get_attribute_uint64 (entry->info, G_FILE_ATTRIBUTE_UNIX_INODE) ||
          g_file_info_get_attribute_uint32 (opened, G_FILE_ATTRIBUTE_UNIX_DEVICE) !=
          g_file_info_get_attribute_uint32 (entry->info, G_FILE_ATTRIBUTE_UNIX_DEVICE))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("It was replaced while it was being attached"));
          return FALSE;
        }
    }
  out = create_free (dir, entry->name, &target, cancellable, error);
  if (out == NULL)
    return FALSE;

  buffer = g_malloc (64 * 1024);
  while ((n_read = g_input_stream_read (G_INPUT_STREAM (in), buffer, 64 * 1024, cancellable, error)) > 0)
    {
      if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), buffer, n_read, NULL, cancellable, error))
        break;
      progress->bytes_done += n_read;
      report (progress, entry->name);
    }
  if (n_read == 0)
    ok = g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error);

  if (!ok)
    {
      /* not half a file: remove what was written (the stream is closed first, without
       * @cancellable, so that a cancelled copy is closed too) */
      g_output_stream_close (G_OUTPUT_STREAM (out), NULL, NULL);
      g_file_delete (target, NULL, NULL);
      return FALSE;
    }

  entry->copy = g_steal_pointer (&target);
  return TRUE;
}

static void
delete_copies (GPtrArray *entries)
{
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);

      if (entry->copy != NULL)
        g_file_delete (entry->copy, NULL, NULL);
      g_clear_object (&entry->copy);
    }
}

/* The folder of record @record_id's copies, made if need be */
static GFile *
make_record_folder (KithStore     *store,
                    gint64         record_id,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autofree char *folder = kith_files_dup_folder (store);
  g_autofree char *record_folder = g_strdup_printf ("%s/%" G_GINT64_FORMAT, folder, record_id);
  g_autoptr(GFile) dir = g_file_new_for_path (record_folder);
  g_autoptr(GError) local = NULL;

  if (!g_file_make_directory_with_parents (dir, cancellable, &local) &&
      !g_error_matches (local, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }

  return g_steal_pointer (&dir);
}

/* Copies every entry into @dir; a copy that fails is a failure of its own, Cancel stops all */
static gboolean
copy_all (GPtrArray     *entries,
          GFile         *dir,
          Progress      *progress,
          GPtrArray     *failures,
          GCancellable  *cancellable,
          GError       **error)
{
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);
      g_autoptr(GError) local = NULL;

      report (progress, entry->name);
      if (!copy_one (entry, dir, progress, cancellable, &local))
        {
          if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              delete_copies (entries);
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          add_failure (failures, entry->source, local->message);
        }
      progress->n_done++;
    }

  return TRUE;
}

/* The entry's row; one that cannot be added is a failure, and its copy goes */
static void
add_row (KithStore      *store,
         gint64          record_id,
         Entry          *entry,
         KithFilesMode   mode,
         GPtrArray      *attached,
         GPtrArray      *failures)
{
  GFile *target = mode == KITH_FILES_COPY ? entry->copy : entry->source;
  g_autoptr(GError) local = NULL;
  g_autofree char *uri = NULL;
  KithFile *file = NULL;
  gint64 id;

  if (target == NULL)   /* its copy failed */
    return;

  uri = g_file_get_uri (target);
  id = kith_store_add_file (store, record_id, uri, entry->name,
                            g_file_info_has_attribute (entry->info, G_FILE_ATTRIBUTE_STANDARD_SIZE)
                            ? g_file_info_get_size (entry->info) : -1,
                            g_file_info_get_content_type (entry->info), mode == KITH_FILES_COPY, &local);
  if (id == 0)
    {
      if (entry->copy != NULL)
        g_file_delete (entry->copy, NULL, NULL);
      g_clear_object (&entry->copy);
      add_failure (failures, entry->source, local->message);
      return;
    }

  /* As the row has it, with the time it was attached */
  file = kith_store_get_file (store, id, &local);
  if (file == NULL)
    g_warning ("File #%" G_GINT64_FORMAT " was attached but cannot be read back: %s", id, local->message);
  else
    g_ptr_array_add (attached, file);
}

/* Inside the transaction: the record is looked at now, not before the copies, as it may have
 * been deleted meanwhile; Cancel up to here attaches nothing */
static gboolean
check_still_wanted (KithStore     *store,
                    gint64         record_id,
                    GCancellable  *cancellable,
                    GError       **error)
{
  if (kith_store_get_record_kind (store, record_id) == KITH_RECORD_KIND_INVALID)
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND,
                   _("There is no record #%" G_GINT64_FORMAT), record_id);
      return FALSE;
    }

  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* The rows of every entry, all at once: the files into @attached */
static gboolean
add_rows (KithStore      *store,
          gint64          record_id,
          GPtrArray      *entries,
          KithFilesMode   mode,
          GFile          *dir,
          GPtrArray      *attached,
          GPtrArray      *failures,
          GCancellable   *cancellable,
          GError        **error)
{
  if (!kith_store_begin (store, error))
    {
      delete_copies (entries);
      return FALSE;
    }
  if (!check_still_wanted (store, record_id, cancellable, error))
    {
      kith_store_rollback (store);
      delete_copies (entries);
      if (dir != NULL)
        g_file_delete (dir, NULL, NULL);   /* only when empty */
      return FALSE;
    }

  for (guint i = 0; i < entries->len; i++)
    add_row (store, record_id, g_ptr_array_index (entries, i), mode, attached, failures);

  if (!kith_store_commit (store, error))
    {
      delete_copies (entries);
      return FALSE;
    }

  return TRUE;
}

/**
 * kith_files_attach:
 * @files: (element-type GFile): files, and folders whose files are attached
 * @progress: (nullable) (scope call): called from the calling thread as the copies are made
 * @out_failures: (out) (optional) (transfer full) (element-type KithFileFailure): the files
 *   that could not be attached, and why
 * @cancellable: cancelling stops the copy and attaches nothing
 *
 * Attaches @files to record @record_id. Symbolic links are not followed, and at most
 * %KITH_FILES_MAX_PER_DROP files are attached at a time. A copy that fails or is cancelled
 * leaves no file behind. Blocking: run it in a thread of its own (not the store's worker: a
 * copy can take long, and the store is locked only to add the files at the end).
 *
 * Returns: (transfer full) (nullable) (element-type KithFile): the files attached, or %NULL
 *   with @error set when @record_id is no record, there are too many files, or @cancellable
 *   was cancelled
 */
GPtrArray *
kith_files_attach (KithStore              *store,
                   gint64                  record_id,
                   GSList                 *files,
                   KithFilesMode           mode,
                   KithFilesProgressFunc   progress_func,
                   gpointer                progress_data,
                   GPtrArray             **out_failures,
                   GCancellable           *cancellable,
                   GError                **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  g_autoptr(GPtrArray) attached = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) failures = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_file_failure_free);
  g_autoptr(GFile) dir = NULL;
  Progress progress = { progress_func, progress_data, 0, 0, 0, 0 };

  g_return_val_if_fail (KITH_IS_STORE (store), NULL);

  for (GSList *l = files; l != NULL; l = l->next)
    if (!scan (l->data, NULL, l->data, 0, entries, failures, cancellable, error))
      return NULL;

  progress.n_files = entries->len;
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);

      if (g_file_info_has_attribute (entry->info, G_FILE_ATTRIBUTE_STANDARD_SIZE))
        progress.bytes_total += g_file_info_get_size (entry->info);
    }

  if (mode == KITH_FILES_COPY && entries->len > 0 &&
      ((dir = make_record_folder (store, record_id, cancellable, error)) == NULL ||
       !copy_all (entries, dir, &progress, failures, cancellable, error)))
    return NULL;

  if (!add_rows (store, record_id, entries, mode, dir, attached, failures, cancellable, error))
    return NULL;

  if (out_failures != NULL)
    *out_failures = g_steal_pointer (&failures);
  return g_steal_pointer (&attached);
}

/* A copy Kith kept goes to files/.removed/, for kith_files_restore(); its place into @removed */
static gboolean
move_copy_aside (KithStore   *store,
                 KithFile    *removed,
                 GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_uri (kith_file_get_uri (removed));
  g_autofree char *folder = kith_files_dup_folder (store);
  g_autofree char *aside_path = g_build_filename (folder, ".removed", NULL);
  g_autoptr(GFile) aside_dir = g_file_new_for_path (aside_path);
  g_autoptr(GFile) aside = NULL;
  g_autofree char *aside_uri = NULL;
  g_autofree char *basename = g_file_get_basename (file);
  g_autoptr(GError) local = NULL;

  g_file_make_directory_with_parents (aside_dir, NULL, NULL);
  aside = free_name (aside_dir, basename);
  if (!g_file_move (file, aside, G_FILE_COPY_NONE, NULL, NULL, NULL, &local) &&
      !g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  aside_uri = g_file_get_uri (aside);
  kith_file_set_aside_uri (removed, aside_uri);

  return TRUE;
}

static KithFile *
remove_locked (KithStore  *store,
               gint64      file_id,
               GError    **error)
{
  g_autoptr(KithFile) removed = kith_store_get_file (store, file_id, error);

  if (removed == NULL ||
      (kith_file_get_copied (removed) && !move_copy_aside (store, removed, error)) ||
      !kith_records_run_for_id (store, "DELETE FROM files WHERE id = ?", file_id, error))
    return NULL;

  return g_steal_pointer (&removed);
}

/**
 * kith_files_remove:
 *
 * Takes a file off its profile. A copy Kith kept is moved aside, not deleted, so that
 * kith_files_restore() can undo this.
 *
 * Returns: (transfer full) (nullable): the file as it was, with what kith_files_restore()
 *   needs
 */
KithFile *
kith_files_remove (KithStore  *store,
                   gint64      file_id,
                   GError    **error)
{
  KithFile *removed;

  g_return_val_if_fail (KITH_IS_STORE (store), NULL);

  kith_store_lock (store);
  removed = remove_locked (store, file_id, error);
  kith_store_unlock (store);

  return removed;
}

/**
 * kith_files_restore:
 * @removed: what kith_files_remove() returned
 *
 * Returns: the attachment's new id, or 0 with @error set
 */
gint64
kith_files_restore (KithStore   *store,
                    KithFile    *removed,
                    GError     **error)
{
  const char *uri = kith_file_get_uri (removed);
  const char *aside_uri = kith_file_get_aside_uri (removed);

  g_return_val_if_fail (KITH_IS_STORE (store), 0);
  g_return_val_if_fail (KITH_IS_FILE (removed), 0);

  if (aside_uri != NULL)
    {
      g_autoptr(GFile) aside = g_file_new_for_uri (aside_uri);
      g_autoptr(GFile) back = g_file_new_for_uri (uri);

      if (!g_file_move (aside, back, G_FILE_COPY_NONE, NULL, NULL, NULL, error))
        return 0;
    }

  return kith_store_add_file (store, kith_file_get_record_id (removed), uri, kith_file_get_name (removed),
                              kith_file_get_size (removed), kith_file_get_content_type (removed),
                              kith_file_get_copied (removed), error);
}
