import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { Controller, Get, Param, Req, Res, UseGuards } from '@nestjs/common';
import { ApiCookieAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiError } from '../http/api-error';
import { ApiErrorDto } from '../http/dto';
import { ModeratorGuard, RequireRole, type ModeratorRequest } from '../auth/moderator.guard';
import { QueueStore } from '../review/queues';
import { MediaProxy, parseRange } from './media-proxy';

/** Response header saying whether the bytes served are the ones the model scored. */
export const MEDIA_MATCH_HEADER = 'vigil-media-match';

/**
 * Media bytes for the item view, through the media proxy. Non-admins get only media of posts with a
 * task in one of their queues. Served with a sandboxing CSP, `nosniff` and a sniffed type, so a hostile
 * file cannot run as a page on the dashboard's origin. Supports single byte ranges (video seeking).
 * The bytes are streamed from the proxy's spool, never buffered whole.
 */
@ApiTags('review')
@ApiCookieAuth()
@UseGuards(ModeratorGuard)
@Controller('review/media')
export class MediaController {
  constructor(
    private readonly proxy: MediaProxy,
    private readonly queues: QueueStore,
  ) {}

  @Get(':tenant/:post/:revision/:media')
  @RequireRole('viewer')
  @ApiOperation({ summary: 'The bytes of a medium (image, video or audio)' })
  @ApiOkResponse({ description: 'the medium; header vigil-media-match: same | changed | unknown' })
  @ApiResponse({ status: 404, type: ApiErrorDto, description: 'MEDIA_NOT_FOUND' })
  @ApiResponse({ status: 502, type: ApiErrorDto, description: 'MEDIA_UNAVAILABLE' })
  async media(
    @Param('tenant') tenant: string,
    @Param('post') post: string,
    @Param('revision') revision: string,
    @Param('media') mediaId: string,
    @Req() req: ModeratorRequest,
    @Res() res: ServerResponse,
  ): Promise<void> {
    const rev = Number(revision);
    const visible =
      Number.isInteger(rev) &&
      rev >= 0 &&
      (req.moderator.role === 'admin' || (await this.queues.postVisible(tenant, post, req.moderator.queues)));
    if (!visible) throw new ApiError(404, 'MEDIA_NOT_FOUND', `no medium ${mediaId} you can see`);
    const media = await this.proxy.load(tenant, post, rev, mediaId);
    const size = media.size;
    const range = parseRange(req.headers.range as string | undefined, size);
    res.setHeader('content-type', media.mime);
    res.setHeader('accept-ranges', 'bytes');
    res.setHeader('cache-control', 'private, max-age=300');
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('content-security-policy', "default-src 'none'; sandbox");
    res.setHeader('cross-origin-resource-policy', 'same-origin');
    res.setHeader(
      MEDIA_MATCH_HEADER,
      media.sameAsScored === null ? 'unknown' : media.sameAsScored ? 'same' : 'changed',
    );
    if (range === null) {
      res.setHeader('content-range', `bytes */${size}`);
      res.statusCode = 416;
      res.end();
      return;
    }
    const [start, end] = range ?? [0, size - 1];
    if (range) res.setHeader('content-range', `bytes ${start}-${end}/${size}`);
    res.setHeader('content-length', end - start + 1);
    res.statusCode = range ? 206 : 200;
    // A viewer that leaves mid-video closes the socket: nothing to answer then.
    await pipeline(media.read(start, end), res).catch(() => res.destroy());
  }
}
