/* plot_run.c - running gnuplot on a template: the data files and numbers
 * it is given, the process (fork + execvp: no shell, gnuplot looked up on
 * PATH), the temporary directory the outputs are drawn in, and where the
 * templates are. */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "report/plot_int.h"
#include "util/datadir.h"

const char *const plot_extension[2] = { "png", "svg" };

/* ---- data files and arguments ---- */

/* Open the data file NAME in the temporary directory; its path becomes the
 * job's next argument. */
FILE *plot_data_open(struct ctx *C, struct job *j, const char *name)
{
	char *path = plot_format("%s/%s", C->tmp, name);
	FILE *f;

	if (!path || j->nargs == JOB_MAX_ARGS) {
		free(path);
		plot_oom(C);
		return NULL;
	}
	f = fopen(path, "w");
	if (!f) {
		diag_errno(C->diag, DIAG_RUNTIME, errno, NULL, "%s: cannot write", path);
		free(path);
		return NULL;
	}
	j->arg[j->nargs++] = path;
	return f;
}

/* Close F, the data file PATH. */
int plot_data_close(struct ctx *C, const char *path, FILE *f)
{
	int bad = ferror(f);

	if (fclose(f) != 0 || bad)
		return diag_errno(C->diag, DIAG_RUNTIME, errno, NULL, "%s: cannot write", path);
	return 0;
}

/* A number as the job's next argument. */
int plot_job_num(struct ctx *C, struct job *j, double x)
{
	if (j->nargs == JOB_MAX_ARGS || !(j->arg[j->nargs] = plot_format("%.17g", x)))
		return plot_oom(C);
	j->nargs++;
	return 0;
}

void plot_job_release(struct job *j)
{
	for (int i = 0; i < j->nargs; i++)
		free(j->arg[i]);
	j->nargs = 0;
}

/* ---- running gnuplot ---- */

/* The last line gnuplot wrote to the file ERR (its error message), in BUF. */
static void last_line(const char *err, char *buf, size_t size)
{
	char line[1024];
	FILE *f = fopen(err, "r");

	snprintf(buf, size, "no message");
	if (!f)
		return;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[strspn(line, " \t^")])
			snprintf(buf, size, "%s", line);
	}
	fclose(f);
}

/* Start ARGV[0] on PATH with ARGV, its input /dev/null and its output and
 * errors into the file ERRPATH.  *PID gets the child, *FD the read end of
 * a pipe that closes on exec (bytes on it are execvp's errno).  Returns 0,
 * or -1 with the diagnostic. */
static int spawn(struct ctx *C, char *const *argv, const char *errpath, pid_t *pid, int *fd)
{
	int pfd[2] = { -1, -1 }, null, errfd, e;

	null = open("/dev/null", O_RDONLY | O_CLOEXEC);
	errfd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (null < 0 || errfd < 0 || pipe(pfd) != 0 ||
	    fcntl(pfd[0], F_SETFD, FD_CLOEXEC) != 0 || fcntl(pfd[1], F_SETFD, FD_CLOEXEC) != 0) {
		e = errno;
		for (int k = 0; k < 2; k++)
			if (pfd[k] >= 0)
				close(pfd[k]);
		if (null >= 0)
			close(null);
		if (errfd >= 0)
			close(errfd);
		return diag_errno(C->diag, DIAG_RUNTIME, e, NULL, "plot: cannot run gnuplot");
	}
	*pid = fork();
	if (*pid == 0) {
		/* The child: only async-signal-safe calls until exec; gnuplot
		 * starts with no signal blocked, whatever nines blocks. */
		sigset_t none;

		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		dup2(null, 0);
		dup2(errfd, 1);
		dup2(errfd, 2);
		execvp(argv[0], argv);
		e = errno;
		if (write(pfd[1], &e, sizeof e) < 0)
			_exit(127);
		_exit(127);
	}
	e = errno;
	close(null);
	close(errfd);
	close(pfd[1]);
	if (*pid < 0) {
		close(pfd[0]);
		return diag_errno(C->diag, DIAG_RUNTIME, e, NULL, "plot: cannot run gnuplot");
	}
	*fd = pfd[0];
	return 0;
}

/* Wait for the child PID that spawn started with the pipe FD (closed
 * here), and tell how it went: 0 when it exited 0, else -1 with the
 * diagnostic (not installed, not run, or its last line of error from
 * ERRPATH, running TPL). */
static int reap(struct ctx *C, pid_t pid, int fd, const char *errpath, const char *tpl)
{
	int status, e = 0;
	ssize_t got;

	do
		got = read(fd, &e, sizeof e);
	while (got < 0 && errno == EINTR);
	close(fd);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			status = -1;
			break;
		}
	if (got == (ssize_t)sizeof e) {
		if (e == ENOENT)
			return diag_runtime(C->diag, "plot: gnuplot is not installed"
					    " (Debian package: gnuplot-nox)");
		return diag_errno(C->diag, DIAG_RUNTIME, e, NULL, "plot: cannot run gnuplot");
	}
	if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		char msg[1024];

		last_line(errpath, msg, sizeof msg);
		return diag_runtime(C->diag, "plot: gnuplot failed on %s: %s", tpl, msg);
	}
	return 0;
}

int plot_gnuplot_run(struct ctx *C, const char *tpl, const char *png, const char *svg,
		     const struct job *j)
{
	char *argv[JOB_MAX_ARGS + 6];
	char *errpath = plot_format("%s/gnuplot.err", C->tmp);
	int argc = 0, fd = -1, rc;
	pid_t pid = -1;

	if (!errpath)
		return plot_oom(C);
	argv[argc++] = "gnuplot";
	argv[argc++] = "-c";
	argv[argc++] = (char *)tpl;
	argv[argc++] = (char *)png;
	argv[argc++] = (char *)svg;
	for (int i = 0; i < j->nargs; i++)
		argv[argc++] = j->arg[i];
	argv[argc] = NULL;
	rc = spawn(C, argv, errpath, &pid, &fd);
	if (rc == 0)
		rc = reap(C, pid, fd, errpath, tpl);
	if (rc == 0)
		unlink(errpath);
	free(errpath);
	return rc;
}

/* ---- directories ---- */

/* mkdir -p DIR */
int plot_dirs_make(struct ctx *C, const char *dir)
{
	char *p = strdup(dir);
	struct stat st;

	if (!p)
		return plot_oom(C);
	if (!*p) {
		free(p);
		return diag_errno(C->diag, DIAG_RUNTIME, ENOENT, NULL,
				  "\"\": cannot create the directory");
	}
	for (char *s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;

		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			int e = errno;

			free(p);
			return diag_errno(C->diag, DIAG_RUNTIME, e, NULL, "%s: cannot create the directory", dir);
		}
		*s = c;
		if (!c)
			break;
	}
	free(p);
	if (stat(dir, &st) != 0)
		return diag_errno(C->diag, DIAG_RUNTIME, errno, NULL, "%s: cannot create the directory", dir);
	if (!S_ISDIR(st.st_mode))
		return diag_errno(C->diag, DIAG_RUNTIME, ENOTDIR, NULL, "%s: cannot create the directory", dir);
	return 0;
}

/* Empty and remove the temporary directory. */
void plot_tmp_remove(struct ctx *C)
{
	if (!C->tmp)
		return;
	plot_dir_remove(C->tmp);
	free(C->tmp);
	C->tmp = NULL;
}

void plot_dir_remove(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *de;

	if (dp) {
		while ((de = readdir(dp)) != NULL) {
			char *p;

			if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
				continue;
			p = plot_format("%s/%s", dir, de->d_name);
			if (p)
				unlink(p);
			free(p);
		}
		closedir(dp);
	}
	rmdir(dir);
}

/* The temporary directory inside C->dir that the outputs are drawn in. */
int plot_tmp_make(struct ctx *C)
{
	C->tmp = plot_format("%s/.nines-plot.XXXXXX", C->dir);
	if (!C->tmp)
		return plot_oom(C);
	if (!mkdtemp(C->tmp)) {
		diag_errno(C->diag, DIAG_RUNTIME, errno, NULL, "%s: cannot write", C->dir);
		free(C->tmp);
		C->tmp = NULL;
		return -1;
	}
	return 0;
}

/* ---- finding the templates ---- */

char *plot_templates_dir(const char *given, struct diag *diag)
{
	char *s;

	if (given && *given)
		s = strdup(given);
	else if (!(s = datadir_find("plots")) && !errno) {
		diag_runtime(diag, "plot: cannot find the plot templates:"
			     " set NINES_PLOTS to the directory that holds availability.gp");
		return NULL;
	}
	if (!s)
		diag_runtime(diag, "out of memory");
	return s;
}

char *plot_template_path(const char *dir, const char *name, struct diag *diag)
{
	char *tpl = plot_format("%s/%s.gp", dir, name);

	if (!tpl) {
		diag_runtime(diag, "out of memory");
		return NULL;
	}
	if (access(tpl, R_OK) != 0) {
		diag_errno(diag, DIAG_RUNTIME, errno, NULL, "plot: %s: cannot read the template", tpl);
		free(tpl);
		return NULL;
	}
	return tpl;
}

int plot_one(struct ctx *C, const char *name, const char *templates, unsigned terminals,
	     plot_data_fn *data, const void *arg)
{
	struct job j = { 0 };
	char *tdir, *tpl, *out[2] = { NULL, NULL };
	int rc = -1;

	if (!(terminals & PLOT_BOTH))
		return diag_runtime(C->diag, "plot: no terminal chosen");
	tdir = plot_templates_dir(templates, C->diag);
	tpl = tdir ? plot_template_path(tdir, name, C->diag) : NULL;
	free(tdir);
	if (!tpl || plot_dirs_make(C, C->dir) || plot_tmp_make(C))
		goto done;
	for (int t = 0; t < 2; t++)
		if ((terminals & (1u << t)) &&
		    !(out[t] = plot_format("%s/%s.%s", C->tmp, name, plot_extension[t]))) {
			plot_oom(C);
			goto done;
		}
	if (data(C, &j, arg) ||
	    plot_gnuplot_run(C, tpl, out[0] ? out[0] : "", out[1] ? out[1] : "", &j))
		goto done;
	for (int t = 0; t < 2; t++) {
		char *target = out[t] ? plot_format("%s/%s.%s", C->dir, name, plot_extension[t]) : NULL;

		if (out[t] && !target) {
			plot_oom(C);
			goto done;
		}
		if (out[t] && rename(out[t], target) != 0) {
			diag_errno(C->diag, DIAG_RUNTIME, errno, NULL, "%s: cannot write", target);
			free(target);
			goto done;
		}
		free(target);
	}
	rc = 0;
done:
	plot_job_release(&j);
	plot_tmp_remove(C);
	free(out[0]);
	free(out[1]);
	free(tpl);
	return rc;
}
