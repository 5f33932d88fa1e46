/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * bench/gui: Kith's window on a large store against a bare AdwApplicationWindow started the same
 * way. Measured from inside the process: from the start of main() to the first painted frame
 * (for Kith, the first frame showing rows of the People list), the frame after jumping to the
 * end of the list, and peak resident memory (VmHWM). Prints one line of JSON and exits, so that
 * hyperfine can repeat it.
 */

#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <string.h>

#include "kith-list-page.h"
#include "kith-phone.h"
#include "kith-window.h"

static gint64 t_main;
static gint64 t_first_frame;
static gint64 t_jump;
static gint64 jump_frame_us = -1;
static gboolean bare;
static char *data_dir;
static GtkWindow *window;
static KithListPage *people;
static GMainLoop *loop;
static int state;   /* 0: waiting for rows, 1: first frame seen, 2: jumped, 3: done */

static long
vm_hwm_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmHWM:")) == NULL)
    return -1;

  return strtol (line + 6, NULL, 10);
}

static gboolean
finish (gpointer data)
{
  g_print ("{\"mode\": \"%s\", \"first_frame_ms\": %.2f, \"jump_frame_ms\": %.2f, \"vm_hwm_kib\": %ld}\n",
           bare ? "bare" : "kith", (t_first_frame - t_main) / 1000.0, jump_frame_us / 1000.0, vm_hwm_kib ());
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (state == 0)
    {
      /* Kith: the first frame with rows in the list */
      if (!bare && g_list_model_get_n_items (kith_list_page_get_model (people)) == 0)
        return;
      t_first_frame = now;
      state = 1;
      if (bare)
        {
          state = 3;
          g_idle_add (finish, NULL);
          return;
        }
      kith_list_page_scroll_to_end (people);
      t_jump = g_get_monotonic_time ();
      state = 2;
      gtk_widget_queue_draw (GTK_WIDGET (window));
    }
  else if (state == 2)
    {
      jump_frame_us = now - t_jump;
      state = 3;
      g_idle_add (finish, NULL);
    }
}

static void
on_map_cb (GtkWidget *widget,
           gpointer   user_data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), NULL);
}

int
main (int   argc,
      char *argv[])
{
  const GOptionEntry entries[] = {
    { "bare", 0, 0, G_OPTION_ARG_NONE, &bare, "A bare AdwApplicationWindow, the limit", NULL },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, "Kith data dir with the large store", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KithStore) store = NULL;

  t_main = g_get_monotonic_time ();

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  gtk_init ();
  adw_init ();
  loop = g_main_loop_new (NULL, FALSE);

  if (bare)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

      window = GTK_WINDOW (adw_application_window_new (NULL));
      gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
      adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
    }
  else
    {
      g_autofree char *path = g_build_filename (data_dir, "kith.db", NULL);

      store = kith_store_open (path, &error);
      if (store == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      kith_services_setup_store (store);
      window = GTK_WINDOW (kith_window_new (NULL, store));
      kith_window_show_page (KITH_WINDOW (window), "people");
      people = kith_window_get_list (KITH_WINDOW (window), KITH_RECORD_PERSON);
    }

  gtk_window_set_default_size (window, 1180, 760);
  g_signal_connect (window, "map", G_CALLBACK (on_map_cb), NULL);
  gtk_window_present (window);
  g_main_loop_run (loop);

  return 0;
}
